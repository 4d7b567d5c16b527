import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeFailure, type Handlers } from '../shared/contract';
import { buildReceipt, opensDrawer } from '../shared/receipt';
import { decodeEscPos, startFakePrinter, type FakePrinter } from '../test/fixtures/fake-printer';
import { fixedCoop, workedTicketSale } from '../test/fixtures/worked-ticket';
import { createFolderSaveChooser, resolveDataDirs, type SaveTarget } from './files/locations';
import { createHandlers, dispatch, dispatchToResponse, type HandlerDeps } from './handlers';

let root: string;
let exportsDir: string;
let backupsDir: string;

function depsFor(overrides: Partial<HandlerDeps> = {}): HandlerDeps {
  return {
    app: { name: 'Étal', version: '1.2.3', mode: 'web', platform: 'linux' },
    chooseSavePath: createFolderSaveChooser(exportsDir),
    backupsDir,
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<BridgeFailure> {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected a BridgeFailure, got a result');
    },
    (e: unknown) => e,
  );
  if (!(error instanceof BridgeFailure)) throw new Error(`expected a BridgeFailure, got ${String(error)}`);
  return error;
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'etal-handlers-'));
  ({ exportsDir, backupsDir } = resolveDataDirs({ ETAL_DATA_DIR: root }, '/nonexistent-documents'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('dispatch', () => {
  it('rejects a channel that is not in the contract', async () => {
    const handlers = createHandlers(depsFor());
    for (const channel of ['printer:format-disk', '__proto__', 'toString', 42, null]) {
      const failure = await failureOf(dispatch(handlers, channel, {}));
      expect(failure.code).toBe('unknown-channel');
    }
  });

  it('rejects invalid input and names the field', async () => {
    const handlers = createHandlers(depsFor());
    const failure = await failureOf(dispatch(handlers, 'files:save', { suggestedName: 'a.csv', content: 12 }));
    expect(failure.code).toBe('invalid-input');
    expect(failure.detail).toMatch(/^content: /);

    const nested = await failureOf(
      dispatch(handlers, 'printer:test', { printer: { connection: { kind: 'network', host: 'p', port: 70000 } } }),
    );
    expect(nested.detail).toMatch(/printer\.connection\.port/);
  });

  it('never calls the handler when the input is invalid', async () => {
    let called = false;
    const handlers: Handlers = {
      ...createHandlers(depsFor()),
      'files:save': () => {
        called = true;
        return Promise.resolve({ saved: true });
      },
    };
    await failureOf(dispatch(handlers, 'files:save', { suggestedName: '../../etc/passwd', content: 'x' }));
    expect(called).toBe(false);
  });

  it('applies the schema defaults before the handler sees the input', async () => {
    let seen: unknown;
    const handlers: Handlers = {
      ...createHandlers(depsFor()),
      'files:save': (input) => {
        seen = input;
        return Promise.resolve({ saved: false });
      },
    };
    await dispatch(handlers, 'files:save', { suggestedName: 'a.csv', content: 'x' });
    expect(seen).toEqual({ suggestedName: 'a.csv', content: 'x', encoding: 'utf8' });
  });

  it('reports a handler answer that breaks the contract as invalid-output', async () => {
    const handlers = {
      ...createHandlers(depsFor()),
      'app:get-info': () => Promise.resolve({ name: 'Étal', version: 1 }),
    } as unknown as Handlers;
    const failure = await failureOf(dispatch(handlers, 'app:get-info', {}));
    expect(failure.code).toBe('invalid-output');
    expect(failure.detail).toMatch(/version/);
  });

  it('turns an unexpected handler error into an internal failure', async () => {
    const handlers: Handlers = { ...createHandlers(depsFor()), 'printer:list': () => Promise.reject(new Error('boom')) };
    const failure = await failureOf(dispatch(handlers, 'printer:list', {}));
    expect(failure).toMatchObject({ code: 'internal', detail: 'boom' });
  });

  it('dispatchToResponse wraps results and failures in the wire envelope', async () => {
    const handlers = createHandlers(depsFor());
    await expect(dispatchToResponse(handlers, 'app:get-info', {})).resolves.toEqual({
      ok: true,
      result: { name: 'Étal', version: '1.2.3', mode: 'web', platform: 'linux' },
    });
    const failed = await dispatchToResponse(handlers, 'nope', {});
    expect(failed).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });
});

describe('files:save', () => {

  it('refuses a Windows device name or a trailing dot typed in the save dialog, and writes nothing', async () => {
    for (const typed of ['NUL.txt', 'com1.csv', 'ventes.csv.']) {
      const handlers = createHandlers(depsFor({ chooseSavePath: () => Promise.resolve({ path: path.join(exportsDir, typed), overwrite: true }) }));
      const failure = await failureOf(dispatch(handlers, 'files:save', { suggestedName: 'ventes.csv', content: 'x' }));
      expect(failure.code).toBe('invalid-file-name');
      expect(failure.detail).toContain(`"${typed}"`);
    }
    await expect(readdir(exportsDir)).rejects.toThrow();
  });
  it('writes text content into the exports folder', async () => {
    const handlers = createHandlers(depsFor());
    const result = await dispatch(handlers, 'files:save', { suggestedName: 'ventes 2025-01.csv', content: 'produit;prix\nMiel;7,50 €\n' });
    expect(result).toEqual({ saved: true, path: path.join(exportsDir, 'ventes 2025-01.csv') });
    await expect(readFile(path.join(exportsDir, 'ventes 2025-01.csv'), 'utf8')).resolves.toBe('produit;prix\nMiel;7,50 €\n');
  });

  it('decodes base64 content to the exact bytes', async () => {
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x80, 0x0a]);
    const handlers = createHandlers(depsFor());
    await dispatch(handlers, 'files:save', { suggestedName: 'facture.pdf', content: bytes.toString('base64'), encoding: 'base64' });
    expect(Buffer.compare(await readFile(path.join(exportsDir, 'facture.pdf')), bytes)).toBe(0);
  });

  it('refuses malformed base64 instead of writing a corrupt file', async () => {
    const handlers = createHandlers(depsFor());
    const failure = await failureOf(
      dispatch(handlers, 'files:save', { suggestedName: 'f.pdf', content: 'JVBER!!*', encoding: 'base64' }),
    );
    expect(failure.code).toBe('invalid-input');
    await expect(readdir(exportsDir)).rejects.toThrow();
  });

  it('never overwrites: a second save with the same name gets a numbered name', async () => {
    const handlers = createHandlers(depsFor());
    await mkdir(exportsDir, { recursive: true });
    await writeFile(path.join(exportsDir, 'stock.csv'), 'original');
    const first = await dispatch(handlers, 'files:save', { suggestedName: 'stock.csv', content: 'second' });
    const second = await dispatch(handlers, 'files:save', { suggestedName: 'stock.csv', content: 'third' });
    expect(first).toEqual({ saved: true, path: path.join(exportsDir, 'stock (2).csv') });
    expect(second).toEqual({ saved: true, path: path.join(exportsDir, 'stock (3).csv') });
    await expect(readFile(path.join(exportsDir, 'stock.csv'), 'utf8')).resolves.toBe('original');
  });

  it('never overwrites even when saves race for the same name', async () => {
    const handlers = createHandlers(depsFor());
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((content) => dispatch(handlers, 'files:save', { suggestedName: 'z.txt', content })),
    );
    const paths = results.map((r) => (r as { path: string }).path);
    expect(new Set(paths).size).toBe(4);
    const contents = await Promise.all(paths.map((p) => readFile(p, 'utf8')));
    expect(contents.sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refuses path traversal at the schema and again in the folder chooser', async () => {
    const handlers = createHandlers(depsFor());
    for (const suggestedName of ['../escape.csv', '..', 'sub/dir.csv', 'C:\\x.csv', '/etc/passwd']) {
      const failure = await failureOf(dispatch(handlers, 'files:save', { suggestedName, content: 'x' }));
      expect(failure.code).toBe('invalid-input');
    }
    // Even if the schema were loosened, the chooser itself refuses to leave the folder.
    const choose = createFolderSaveChooser(exportsDir);
    await expect(choose('../escape.csv')).rejects.toThrow(/outside/);
    await expect(choose('sub/../../escape.csv')).rejects.toThrow(/outside/);
    expect(await readdir(root)).toEqual(['exports']);
  });

  it('answers saved: false when the person cancels the dialog', async () => {
    const handlers = createHandlers(depsFor({ chooseSavePath: () => Promise.resolve(null) }));
    await expect(dispatch(handlers, 'files:save', { suggestedName: 'a.csv', content: 'x' })).resolves.toEqual({ saved: false });
  });

  it('replaces a file the person confirmed in the dialog', async () => {
    const chosen = path.join(root, 'chosen.csv');
    await writeFile(chosen, 'old');
    const chooseSavePath = (): Promise<SaveTarget> => Promise.resolve({ path: chosen, overwrite: true });
    const handlers = createHandlers(depsFor({ chooseSavePath }));
    await dispatch(handlers, 'files:save', { suggestedName: 'chosen.csv', content: 'new' });
    await expect(readFile(chosen, 'utf8')).resolves.toBe('new');
  });
});

describe('printer channels', () => {
  let printer: FakePrinter | undefined;
  afterEach(async () => {
    await printer?.close();
    printer = undefined;
  });
  const configFor = (port: number) => ({ connection: { kind: 'network', host: '127.0.0.1', port }, columns: 48 });

  it('print a receipt sent over the bridge: lines, change, a cut and a drawer pulse', async () => {
    printer = await startFakePrinter();
    const handlers = createHandlers(depsFor());
    const sale = workedTicketSale();
    const job = printer.nextJob();
    const result = await dispatch(handlers, 'printer:print-receipt', {
      printer: configFor(printer.port),
      receipt: buildReceipt(sale, fixedCoop()),
      openDrawer: opensDrawer(sale),
    });
    expect(result).toMatchObject({ ok: true, ms: expect.any(Number) as number });
    const decoded = decodeEscPos(await job);
    const lines = decoded.lines.map((l) => l.replace(/ +/g, ' ').trim());
    expect(lines).toEqual(expect.arrayContaining(['Guirlande wax 1 m', 'TOTAL TTC 49,50 €', 'Rendu 0,50 €']));
    expect(decoded.cuts).toBe(1);
    expect(decoded.pulses).toEqual([{ pin: 2 }]);
  });

  it('print the test page with the co-op header, € and accents and a QR code', async () => {
    printer = await startFakePrinter();
    const handlers = createHandlers(depsFor());
    const coop = fixedCoop();
    const job = printer.nextJob();
    await expect(dispatch(handlers, 'printer:test', { printer: configFor(printer.port), coop: { name: coop.name, cae: coop.cae } })).resolves.toMatchObject({ ok: true });
    const decoded = decodeEscPos(await job);
    const text = decoded.lines.join('\n');
    expect(text).toContain('€');
    expect(text).toContain('é è à ç ô ï ù');
    expect(text).toContain('SIRET 443 123 456 00016');
    expect(text).toContain('pour le collectif Wax & Fils');
    expect(decoded.qr).toEqual(['ETAL:TEST']);
  });

  it('kick the drawer on pin 5 without printing', async () => {
    printer = await startFakePrinter();
    const handlers = createHandlers(depsFor());
    const job = printer.nextJob();
    await expect(dispatch(handlers, 'printer:open-drawer', { printer: { ...configFor(printer.port), drawerPin: 5 } })).resolves.toMatchObject({ ok: true });
    const decoded = decodeEscPos(await job);
    expect(decoded.pulses).toEqual([{ pin: 5 }]);
    expect(decoded.lines.join('').trim()).toBe('');
  });

  it('answer a refused connection as data, fast, with the code the till translates', async () => {
    printer = await startFakePrinter();
    const port = printer.port;
    await printer.close();
    printer = undefined;
    const handlers = createHandlers(depsFor());
    const started = performance.now();
    const result = await dispatch(handlers, 'printer:print-receipt', { printer: configFor(port), receipt: buildReceipt(workedTicketSale(), fixedCoop()) });
    expect(result).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('answer within the budget when the printer accepts and stalls', async () => {
    printer = await startFakePrinter({ kind: 'stall' });
    const handlers = createHandlers(depsFor({ printing: { transport: { timeoutMs: 300 } } }));
    const result = await dispatch(handlers, 'printer:test', { printer: configFor(printer.port) });
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('refuse a receipt that is not a receipt document', async () => {
    const handlers = createHandlers(depsFor());
    const failure = await failureOf(dispatch(handlers, 'printer:print-receipt', { printer: configFor(9100), lines: ['Merci'] }));
    expect(failure.code).toBe('invalid-input');
    expect(failure.detail).toMatch(/receipt/);
  });

  it('list what detection finds, and an empty list when detection fails', async () => {
    const found = [{ label: '/dev/usb/lp0', connection: { kind: 'device' as const, path: '/dev/usb/lp0' } }];
    await expect(dispatch(createHandlers(depsFor({ printing: { listPrinters: () => Promise.resolve(found) } })), 'printer:list', {})).resolves.toEqual({ printers: found });
    const broken = createHandlers(depsFor({ printing: { listPrinters: () => Promise.reject(new Error('lpstat missing')) } }));
    await expect(dispatch(broken, 'printer:list', {})).resolves.toEqual({ printers: [] });
  });
});

describe('backup:write', () => {
  /** A backup's text as shared/backup.ts writes it: the header fields first. */
  const backupText = (createdAt: string, body = '"tables":{}') => `{"format":"etal-backup","version":2,"createdAt":${JSON.stringify(createdAt)},"appVersion":"1","reason":"closing",${body}}`;
  /** The host's clock, moved by the test. */
  let hostNow = new Date('2026-12-01T18:00:00.000Z');
  const clock = () => hostNow;
  const files = async () => (await readdir(backupsDir)).sort();
  const write = (handlers: Handlers, content: string, reason = 'closing') => dispatch(handlers, 'backup:write', { reason, content });

  it('names the file itself, writes it into <data dir>/backups and leaves no temporary file', async () => {
    hostNow = new Date('2025-01-31T18:00:00.123Z');
    const handlers = createHandlers(depsFor({ clock }));
    const result = await write(handlers, backupText(hostNow.toISOString()));
    const name = 'etal-sauvegarde-2025-01-31T18-00-00-123Z.json';
    expect(result).toEqual({ saved: true, name, path: path.join(root, 'backups', name) });
    expect(await readdir(backupsDir)).toEqual([name]);
    await expect(readFile(path.join(backupsDir, name), 'utf8')).resolves.toBe(backupText(hostNow.toISOString()));
  });

  it('never replaces a backup: two in the same millisecond get two files, each whole', async () => {
    hostNow = new Date('2026-03-01T18:00:00.000Z');
    const handlers = createHandlers(depsFor({ clock }));
    const big = backupText(hostNow.toISOString(), `"tables":{"x":["${'x'.repeat(100_000)}"]}`);
    const results = await Promise.all([write(handlers, big), write(handlers, backupText(hostNow.toISOString()))]);
    expect(results.map((r) => (r as { name: string }).name)).toEqual(['etal-sauvegarde-2026-03-01T18-00-00-000Z.json', 'etal-sauvegarde-2026-03-01T18-00-00-000Z-2.json']);
    await expect(readFile(path.join(backupsDir, 'etal-sauvegarde-2026-03-01T18-00-00-000Z.json'), 'utf8')).resolves.toBe(big);
  });

  it('refuses in-band what is not a backup dated now, and writes nothing', async () => {
    hostNow = new Date('2026-12-10T18:00:00.000Z');
    const handlers = createHandlers(depsFor({ clock }));
    for (const content of ['{}', '{"v":1}', 'not json', backupText('9999-12-31T23:59:59.000Z'), backupText('2026-12-10T18:30:00.000Z'), backupText('1970-01-01T00:00:00.000Z'), `{"format":"etal-backup","tables":{},"version":2,"createdAt":"${hostNow.toISOString()}"}`]) {
      expect(await write(handlers, content)).toMatchObject({ saved: false, error: { code: 'invalid-input' } });
    }
    await expect(readdir(backupsDir)).rejects.toThrow();
    // The fields may come in another order, and the header may carry more (format 3's signature fields).
    expect(await write(handlers, `{"version":3,"createdAt":"${hostNow.toISOString()}","format":"etal-backup","signature":"ab","tables":{}}`)).toMatchObject({ saved: true });
  });

  it('cannot be made to overwrite or rotate away a backup: 30 hostile writes leave the real December ones whole', async () => {
    await mkdir(backupsDir, { recursive: true });
    // Files someone dropped in the folder, one of them named as the host names backups.
    const planted = ['ma-copie.json', 'etal-sauvegarde-9999-12-31T00-00-00-000Z.json', 'etal-sauvegarde-2026-12-01T18-00-00-000Z-7.json'];
    for (const name of planted) await writeFile(path.join(backupsDir, name), 'planted');
    const real: Record<string, string> = {};
    for (let day = 1; day <= 10; day += 1) {
      hostNow = new Date(Date.UTC(2026, 11, day, 18, 0, 0));
      const text = backupText(hostNow.toISOString(), `"tables":{"day":[${day}]}`);
      const result = (await write(createHandlers(depsFor({ clock })), text)) as { name: string };
      real[result.name] = text;
    }
    hostNow = new Date('2026-12-11T09:00:00.000Z');
    const handlers = createHandlers(depsFor({ clock }));
    const hostile = [
      ...Array.from({ length: 10 }, (_, i) => backupText(`9999-12-${String(i + 10)}T00:00:00.000Z`)),
      ...Array.from({ length: 10 }, (_, i) => backupText(`2026-12-${String(i + 12)}T00:00:00.000Z`)),
      ...Array.from({ length: 5 }, (_, i) => backupText(`2026-${String(i + 1).padStart(2, '0')}-30T23:59:59.000Z`)),
      ...Array.from({ length: 5 }, () => '{"format":"etal-backup","version":2,"createdAt":"x"}'),
    ];
    for (const content of hostile) expect(await write(handlers, content)).toMatchObject({ saved: false });
    // A name passed along is ignored: the backup gets the host's name, beside the real one it named.
    const named = await dispatch(handlers, 'backup:write', { reason: 'manual', fileName: Object.keys(real)[0], content: backupText(hostNow.toISOString()) });
    expect(named).toMatchObject({ saved: true, name: 'etal-sauvegarde-2026-12-11T09-00-00-000Z.json' });
    expect(await files()).toEqual([...Object.keys(real), ...planted, 'etal-sauvegarde-2026-12-11T09-00-00-000Z.json'].sort());
    for (const [name, text] of Object.entries(real)) await expect(readFile(path.join(backupsDir, name), 'utf8')).resolves.toBe(text);
    for (const name of planted) await expect(readFile(path.join(backupsDir, name), 'utf8')).resolves.toBe('planted');
  });

  it('rotates its own backups by their date: the newest 30 and each month\'s newest stay; files it did not write are never touched', async () => {
    await mkdir(backupsDir, { recursive: true });
    await writeFile(path.join(backupsDir, 'ma-copie.json'), '{}');
    await writeFile(path.join(backupsDir, 'etal-sauvegarde-2000-01-01T00-00-00-000Z.json'), backupText('2000-01-01T00:00:00.000Z'));
    const days = [new Date(Date.UTC(2026, 1, 27, 18)), new Date(Date.UTC(2026, 1, 28, 18)), ...Array.from({ length: 31 }, (_, i) => new Date(Date.UTC(2026, 2, i + 1, 18)))];
    const names: string[] = [];
    for (const day of days) {
      hostNow = day;
      names.push(((await write(createHandlers(depsFor({ clock })), backupText(day.toISOString()), 'before-restore')) as { name: string }).name);
    }
    // 1–31 March are the newest 31: the 30 latest stay, 1 March goes (31 March is March's newest),
    // 28 February stays as February's newest, 27 February goes.
    expect(await files()).toEqual([names[1], ...names.slice(3), 'etal-sauvegarde-2000-01-01T00-00-00-000Z.json', 'ma-copie.json'].sort());
  });

  it('leaves a backup changed since it was written, and forgets it', async () => {
    const handlers = createHandlers(depsFor({ clock }));
    const names: string[] = [];
    for (let i = 0; i < 32; i += 1) {
      hostNow = new Date(Date.UTC(2026, 4, 1, 8, i));
      names.push(((await write(handlers, backupText(hostNow.toISOString()))) as { name: string }).name);
      if (i === 0) await writeFile(path.join(backupsDir, names[0] ?? ''), 'edited by hand');
    }
    // The first (edited) one is no longer the host's: kept on disk, out of the list. The second went by rotation.
    expect(await files()).toEqual([names[0], ...names.slice(2)].sort());
    const listed = (await dispatch(handlers, 'backup:list', {})) as { backups: { name: string }[] };
    expect(listed.backups.map((b) => b.name)).toEqual(names.slice(2).reverse());
  });

  it('reports a failed write in-band and leaves no partial file', async () => {
    hostNow = new Date('2026-03-01T18:00:00.000Z');
    // A file where the backups folder should be: nothing can be written inside it.
    await mkdir(root, { recursive: true });
    await writeFile(backupsDir, 'not a folder');
    const result = await write(createHandlers(depsFor({ clock })), backupText(hostNow.toISOString()), 'quit');
    expect(result).toMatchObject({ saved: false, error: { code: 'io' } });
    await expect(readFile(backupsDir, 'utf8')).resolves.toBe('not a folder');
  });

  it('adopts, once, the backups an upgraded till wrote before the host kept its list; later files in the folder stay unknown', async () => {
    hostNow = new Date('2026-12-04T18:00:00.000Z');
    await mkdir(backupsDir, { recursive: true });
    const older = { 'etal-sauvegarde-2026-11-28T18-00-00-000Z.json': backupText('2026-11-28T18:00:00.000Z'), 'etal-sauvegarde-2026-12-03T18-00-00-000Z.json': backupText('2026-12-03T18:00:00.000Z') };
    for (const [name, text] of Object.entries(older)) await writeFile(path.join(backupsDir, name), text);
    // A backup's name without a backup's header, and one dated in the future: not taken.
    await writeFile(path.join(backupsDir, 'etal-sauvegarde-2026-12-01T18-00-00-000Z.json'), 'planted');
    await writeFile(path.join(backupsDir, 'etal-sauvegarde-2099-01-01T00-00-00-000Z.json'), backupText('2099-01-01T00:00:00.000Z'));
    const handlers = createHandlers(depsFor({ clock }));
    const listed = async () => ((await dispatch(handlers, 'backup:list', {})) as { backups: { name: string }[] }).backups.map((b) => b.name);
    expect(await listed()).toEqual(['etal-sauvegarde-2026-12-03T18-00-00-000Z.json', 'etal-sauvegarde-2026-11-28T18-00-00-000Z.json']);
    // Once the list exists, a file dropped in the folder is not adopted.
    await writeFile(path.join(backupsDir, 'etal-sauvegarde-2026-12-04T10-00-00-000Z.json'), backupText('2026-12-04T10:00:00.000Z'));
    expect(await listed()).toEqual(['etal-sauvegarde-2026-12-03T18-00-00-000Z.json', 'etal-sauvegarde-2026-11-28T18-00-00-000Z.json']);
    for (const [name, text] of Object.entries(older)) await expect(readFile(path.join(backupsDir, name), 'utf8')).resolves.toBe(text);
  });

  it('lists the backups it wrote, newest first by date, with their size, and an empty list before the first one', async () => {
    const handlers = createHandlers(depsFor({ clock }));
    await expect(dispatch(handlers, 'backup:list', {})).resolves.toEqual({ dir: backupsDir, backups: [] });
    hostNow = new Date('2026-03-01T18:00:00.000Z');
    const first = backupText(hostNow.toISOString());
    await write(handlers, first, 'manual');
    hostNow = new Date('2026-03-02T18:00:00.000Z');
    const second = backupText(hostNow.toISOString(), '"tables":{"a":[1]}');
    await write(handlers, second);
    await writeFile(path.join(backupsDir, 'notes.txt'), 'x');
    await writeFile(path.join(backupsDir, 'etal-sauvegarde-9999-01-01T00-00-00-000Z.json'), first);
    const listed = (await dispatch(handlers, 'backup:list', {})) as { backups: { name: string; size: number }[] };
    expect(listed.backups.map((b) => [b.name, b.size])).toEqual([
      ['etal-sauvegarde-2026-03-02T18-00-00-000Z.json', second.length],
      ['etal-sauvegarde-2026-03-01T18-00-00-000Z.json', first.length],
    ]);
  });
});
