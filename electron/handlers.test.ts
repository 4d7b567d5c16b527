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
  it('writes the backup into <data dir>/backups and leaves no temporary file', async () => {
    const handlers = createHandlers(depsFor());
    const result = await dispatch(handlers, 'backup:write', { reason: 'closing', fileName: 'etal-2025-01-31.json', content: '{"v":1}' });
    expect(result).toEqual({ saved: true, path: path.join(root, 'backups', 'etal-2025-01-31.json') });
    expect(await readdir(backupsDir)).toEqual(['etal-2025-01-31.json']);
    await expect(readFile(path.join(backupsDir, 'etal-2025-01-31.json'), 'utf8')).resolves.toBe('{"v":1}');
  });

  it('replaces a same-named backup as a whole', async () => {
    const handlers = createHandlers(depsFor());
    await dispatch(handlers, 'backup:write', { reason: 'manual', fileName: 'b.json', content: 'x'.repeat(100_000) });
    await dispatch(handlers, 'backup:write', { reason: 'manual', fileName: 'b.json', content: 'short' });
    await expect(readFile(path.join(backupsDir, 'b.json'), 'utf8')).resolves.toBe('short');
    expect(await readdir(backupsDir)).toEqual(['b.json']);
  });

  it('reports a failed write in-band and cleans up its temporary file', async () => {
    // A non-empty folder where the backup should go: the final rename fails.
    await mkdir(path.join(backupsDir, 'b.json', 'inside'), { recursive: true });
    const handlers = createHandlers(depsFor());
    const result = await dispatch(handlers, 'backup:write', { reason: 'quit', fileName: 'b.json', content: '{}' });
    expect(result).toMatchObject({ saved: false, error: { code: 'io' } });
    expect(await readdir(backupsDir)).toEqual(['b.json']);
  });

  it('rotates: after the 31st backup the oldest goes unless it is its month\'s newest; other files stay', async () => {
    const handlers = createHandlers(depsFor());
    await mkdir(backupsDir, { recursive: true });
    await writeFile(path.join(backupsDir, 'ma-copie.json'), '{}');
    const names = Array.from({ length: 31 }, (_, i) => `etal-sauvegarde-2026-03-${String(i + 1).padStart(2, '0')}T18-00-00Z.json`);
    names.unshift('etal-sauvegarde-2026-02-27T18-00-00Z.json', 'etal-sauvegarde-2026-02-28T18-00-00Z.json');
    for (const fileName of names) {
      await dispatch(handlers, 'backup:write', { reason: 'before-restore', fileName, content: '{}' });
    }
    const left = (await readdir(backupsDir)).sort();
    // 1–31 March are the newest 31: the 30 latest stay, 1 March goes (31 March is March's newest),
    // 28 February stays as February's newest, 27 February goes.
    expect(left).toEqual(['etal-sauvegarde-2026-02-28T18-00-00Z.json', ...names.slice(3), 'ma-copie.json'].sort());
  });

  it('lists the backups newest first with their size, and an empty list before the first one', async () => {
    const handlers = createHandlers(depsFor());
    await expect(dispatch(handlers, 'backup:list', {})).resolves.toEqual({ dir: backupsDir, backups: [] });
    await dispatch(handlers, 'backup:write', { reason: 'manual', fileName: 'etal-sauvegarde-2026-03-01T18-00-00Z.json', content: '{}' });
    await dispatch(handlers, 'backup:write', { reason: 'closing', fileName: 'etal-sauvegarde-2026-03-02T18-00-00Z.json', content: '{"a":1}' });
    await writeFile(path.join(backupsDir, 'notes.txt'), 'x');
    const listed = (await dispatch(handlers, 'backup:list', {})) as { backups: { name: string; size: number }[] };
    expect(listed.backups.map((b) => [b.name, b.size])).toEqual([
      ['etal-sauvegarde-2026-03-02T18-00-00Z.json', 7],
      ['etal-sauvegarde-2026-03-01T18-00-00Z.json', 2],
    ]);
  });

  it('refuses a file name that would leave the backups folder', async () => {
    const handlers = createHandlers(depsFor());
    const failure = await failureOf(dispatch(handlers, 'backup:write', { reason: 'manual', fileName: '../x.json', content: '{}' }));
    expect(failure.code).toBe('invalid-input');
    expect(failure.detail).toMatch(/^fileName: /);
  });
});
