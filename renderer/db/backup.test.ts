import { describe, expect, it } from 'vitest';
import { BackupProblem, buildBackup, documentHash, JOURNALLED_TABLES, MAX_BACKUP_CHARS, recordSchemas, tablesHash, type BackupDocument } from '../../shared/backup';
import { canonicalJson } from '../../shared/journal';
import type { JournalEntry, Sale } from '../../shared/schemas';
import { backupTables, createBackup, dumpTables, readBackup, replaceAll, restoreBackup, RestoreError, type WriteBackupResult } from './backup';
import { tillArchiveZip } from './archive';
import { closeDay, recordCashMovement } from './closings';
import { EtalDb, LOCAL_TABLES } from './db';
import { cancelSale, recordSale, verifyTillJournal } from './sales';
import { cartLine, demoDb, resealAsForger } from './testing';
// A file written by the first release (format 1), kept as it was written.
import FIXTURE_V1 from './fixtures/backup-format-1.json?raw';

async function dayOfSales() {
  const ctx = await demoDb();
  const garland = ctx.product('Guirlande wax 1 m');
  const first = await recordSale(ctx.db, ctx.coop, { cart: { lines: [cartLine(garland, 2000)] }, payments: [{ method: 'cash', amount: 2400, tendered: 5000 }], at: '2026-12-05T10:00:00.000Z' });
  await recordSale(ctx.db, ctx.coop, { cart: { lines: [cartLine(garland, 1000)] }, payments: [{ method: 'card', amount: 1200 }], at: '2026-12-05T11:00:00.000Z' });
  await cancelSale(ctx.db, ctx.coop, { saleId: first.id, reason: 'erreur de caisse', at: '2026-12-05T11:30:00.000Z' });
  await recordCashMovement(ctx.db, ctx.coop, { kind: 'fund', amount: 5000, at: '2026-12-05T09:00:00.000Z' });
  await closeDay(ctx.db, ctx.coop, { day: '2026-12-05', count: [{ value: 5000, quantity: 1 }], countedBy: 'Awa', at: '2026-12-05T18:00:00.000Z' });
  await tillArchiveZip(ctx.db, ctx.coop);
  return { ...ctx, garland };
}

const safety = { saved: true, at: '2026-12-05T12:00:00.000Z', fileName: 'etal-sauvegarde-2026-12-05T12-00-00-000Z.json', path: '/sauvegardes/etal-sauvegarde-2026-12-05T12-00-00-000Z.json', sha256: 'a'.repeat(64), lastJournalHash: 'b'.repeat(64) } as const;
const savedOk = (): Promise<WriteBackupResult> => Promise.resolve(safety);

const reseal = resealAsForger;

/** The dump without the restore record and its journal entry: what the restored data must equal. */
function withoutRestores(tables: Record<string, unknown[]>): Record<string, unknown[]> {
  return { ...tables, restores: [], journal: (tables['journal'] as JournalEntry[]).filter((e) => e.type !== 'restore') };
}


function problemOf(run: () => unknown): BackupProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof BackupProblem) return error;
    throw error;
  }
  throw new Error('expected a BackupProblem');
}

describe('backup round trip', () => {
  it('knows a record schema for every backed-up table of the database (a new table must be added to recordSchemas or LOCAL_TABLES)', async () => {
    const { db } = await demoDb();
    expect(db.tables.map((t) => t.name).filter((n) => !(n in recordSchemas) && !LOCAL_TABLES.includes(n))).toEqual([]);
  });

  it('demo data → backup → wipe → restore gives an identical export, and the journal verifies', async () => {
    const { db, coop } = await dayOfSales();
    const before = await dumpTables(db);
    const built = await createBackup(db, { reason: 'manual', appVersion: '0.1.0', createdAt: '2026-12-05T12:00:00.000Z' });
    expect(built.fileName).toBe('etal-sauvegarde-2026-12-05T12-00-00-000Z.json');
    expect(built.document).toMatchObject({ format: 'etal-backup', version: 3, coopName: coop.name, tillId: coop.tillId, reason: 'manual' });
    expect(built.document.sha256).toBe(documentHash(built.document));
    expect(built.document.counts).toMatchObject({ sales: 3, journal: 7, coop: 1, closings: 1, cashMovements: 1, exports: 1, keyChanges: 1 });
    // Every table but this device's own (its key, the basket, print counts).
    expect(Object.keys(built.document.counts).sort()).toEqual(backupTables(db).map((t) => t.name).sort());
    expect(built.document.counts['deviceKeys']).toBeUndefined();
    expect(Object.keys(built.document.counts).sort()).toEqual(db.tables.map((t) => t.name).filter((n) => !LOCAL_TABLES.includes(n)).sort());
    const journalEnd = (await db.journal.toArray()).at(-1)?.hash;
    expect(built.document.lastJournalHash).toBe(journalEnd);

    // Wiped on the same computer: its key stays (a new laptop is tested in custody.test.ts).
    await db.transaction('rw', backupTables(db), async () => {
      for (const t of backupTables(db)) await t.clear();
    });
    expect(await db.sales.count()).toBe(0);

    const parsed = readBackup(db, built.text);
    expect(parsed.summary).toMatchObject({ coopName: coop.name, tickets: 3, firstSaleAt: '2026-12-05T10:00:00.000Z', lastSaleAt: '2026-12-05T11:30:00.000Z', fileVersion: 3 });
    await restoreBackup(db, parsed, savedOk);
    const after = await dumpTables(db);
    // Identical, but for the restore itself: one record and one journal entry more.
    expect(canonicalJson(withoutRestores(after))).toBe(canonicalJson(before));
    expect(after['restores']).toHaveLength(1);
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true, entries: 8 });
    // The same data backs up to the same hash: the format is deterministic.
    const again = buildBackup(withoutRestores(after), { reason: 'manual', appVersion: '0.1.0', createdAt: '2026-12-05T12:00:00.000Z', publicKeyHex: built.document.publicKey ?? '' });
    expect(again.sha256).toBe(built.document.sha256);
  });

  it('restoring an earlier backup of this till is refused: it would drop the newer entries; the database stays byte for byte the same', async () => {
    const { db, coop, garland } = await dayOfSales();
    const earlier = await createBackup(db, { reason: 'manual' });
    await recordSale(db, coop, { cart: { lines: [cartLine(garland, 1000)] }, payments: [{ method: 'card', amount: 1200 }] });
    const before = canonicalJson(await dumpTables(db));
    let safetyTaken = false;
    const error = await restoreBackup(db, readBackup(db, earlier.text), () => ((safetyTaken = true), savedOk())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreError);
    expect(error).toMatchObject({ key: 'backup.err.refusedOlder', params: { file: 7, till: 8, count: 1 } });
    expect(safetyTaken).toBe(false);
    expect(canonicalJson(await dumpTables(db))).toBe(before);
  });
});

describe('a restore is a legal event', () => {
  it('appends a restore entry on the restored chain, with a record of the file and of the backup taken before', async () => {
    const { db, coop, garland } = await dayOfSales();
    const earlier = await createBackup(db, { reason: 'closing', appVersion: '0.1.0', createdAt: '2026-12-05T18:10:00.000Z' });
    // The same history as the till's (nothing sold since): a plain restore may go on.
    void garland;
    const lastBefore = (await db.journal.toArray()).at(-1) as JournalEntry;
    const result = await restoreBackup(db, readBackup(db, earlier.text), savedOk, { fileName: 'clé/etal-sauvegarde.json', at: '2026-12-06T08:00:00.000Z' });

    const journal = (await db.journal.toArray()).sort((a, b) => a.seq - b.seq);
    const entry = journal.at(-1) as JournalEntry;
    // The chain goes on from the file's end (seq 7).
    expect(entry).toMatchObject({ seq: 8, type: 'restore', tillId: coop.tillId, recordId: result.restore.id, prevHash: earlier.document.lastJournalHash, at: '2026-12-06T08:00:00.000Z' });
    expect(result.seq).toBe(8);
    expect(entry.prevHash).toBe(lastBefore.hash);
    expect(await db.restores.toArray()).toEqual([
      {
        id: result.restore.id,
        tillId: coop.tillId,
        at: '2026-12-06T08:00:00.000Z',
        file: {
          name: 'clé/etal-sauvegarde.json',
          version: 3,
          createdAt: '2026-12-05T18:10:00.000Z',
          reason: 'closing',
          appVersion: '0.1.0',
          tillId: coop.tillId,
          sha256: earlier.document.sha256,
          lastJournalHash: earlier.document.lastJournalHash,
          counts: earlier.document.counts,
        },
        before: { fileName: safety.fileName, path: safety.path, createdAt: safety.at, sha256: safety.sha256, lastJournalHash: safety.lastJournalHash },
      },
    ]);
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true, entries: 8 });
    expect(JOURNALLED_TABLES).toContain('restores');

    // Deleting the restore record, or changing it, is caught.
    await db.restores.update(result.restore.id, { at: '2026-12-06T09:00:00.000Z' });
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: false, problem: { kind: 'digest', seq: 8 } });
    await db.restores.clear();
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: false, problem: { kind: 'missing-record', seq: 8 } });
  });

  it('the record of the backup taken before is the real one when writeBackup is used (its sha256 and chain end)', async () => {
    const { db, coop } = await dayOfSales();
    const file = await createBackup(db, { reason: 'manual' });
    let taken: WriteBackupResult | undefined;
    const backup = async (d: EtalDb): Promise<WriteBackupResult> => {
      const built = await createBackup(d, { reason: 'before-restore' });
      taken = { saved: true, at: built.document.createdAt, fileName: built.fileName, sha256: built.document.sha256, lastJournalHash: built.document.lastJournalHash };
      return taken;
    };
    const result = await restoreBackup(db, readBackup(db, file.text), backup);
    expect(taken?.saved).toBe(true);
    expect(result.restore.before).toMatchObject({ sha256: (taken as { sha256: string }).sha256, lastJournalHash: file.document.lastJournalHash });
    expect(result.restore.file.name).toBe('');
    // A backup made after the restore holds the restore and restores in turn (a second restore entry, seq 9).
    const after = await createBackup(db, { reason: 'manual' });
    expect(after.document.counts['restores']).toBe(1);
    const second = await restoreBackup(db, readBackup(db, after.text), savedOk);
    expect(second.seq).toBe(9);
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true, entries: 9 });
  });
});

describe('older format versions are upgraded', () => {
  it('opens a format 1 file (written by the first release) and restores it: the journal verifies with the restore after it', async () => {
    const raw = JSON.parse(FIXTURE_V1) as BackupDocument;
    expect(raw.version).toBe(1);
    expect(raw.sha256).toBe(tablesHash(raw.tables));
    const db = new EtalDb(`etal-v1-file-${Math.random().toString(36).slice(2)}`);
    const parsed = readBackup(db, FIXTURE_V1);
    expect(parsed.summary).toMatchObject({ fileVersion: 1, sha256: raw.sha256, coopName: 'Wax & Fils — coopérative éphémère', tickets: 3, createdAt: '2026-12-05T18:05:00.000Z' });
    // Upgraded in memory: format 2, sealed over the whole document.
    expect(parsed.document.version).toBe(2);
    expect(parsed.document.sha256).toBe(documentHash(parsed.document));
    expect(readBackup(db, JSON.stringify(parsed.document)).summary.fileVersion).toBe(2);
    // No restores table in a format 1 file: it starts empty.
    expect(parsed.tables['restores']).toBeUndefined();
    const result = await restoreBackup(db, parsed, savedOk, { fileName: 'backup-format-1.json' });
    expect(result.restore.file).toMatchObject({ version: 1, sha256: raw.sha256 });
    expect(await db.sales.count()).toBe(3);
    // The restore, then this device's key opening the key history of the restored chain.
    expect((await db.journal.toArray()).slice(-2).map((e) => e.type)).toEqual(['restore', 'key']);
    expect(await verifyTillJournal(db, raw.tillId)).toMatchObject({ ok: true, entries: 7 });
    db.close();
  });

  it('still checks a format 1 file: tampered tables are refused', async () => {
    const { db } = await demoDb();
    const raw = JSON.parse(FIXTURE_V1) as BackupDocument;
    (raw.tables['products']?.[0] as { price: number }).price += 1;
    expect(problemOf(() => readBackup(db, JSON.stringify(raw))).key).toBe('backup.err.hashMismatch');
  });
});

describe('restore is all or nothing', () => {
  it('replaces nothing when the safety backup of the current database fails', async () => {
    const { db } = await dayOfSales();
    const before = canonicalJson(await dumpTables(db));
    const other = await demoDb();
    const parsed = readBackup(other.db, (await createBackup(other.db, { reason: 'manual' })).text);
    await expect(restoreBackup(db, parsed, () => Promise.resolve({ saved: false, detail: 'disk full' }))).rejects.toMatchObject({ key: 'backup.err.safetyBackup' });
    expect(canonicalJson(await dumpTables(db))).toBe(before);
  });

  it('rolls every table back when a write fails half-way', async () => {
    const { db } = await dayOfSales();
    const parsed = readBackup(db, (await createBackup(db, { reason: 'manual' })).text);
    // After the backup is built: building it remembers its head (anchors).
    const before = canonicalJson(await dumpTables(db));
    // Two sales with one id: bulkAdd fails after coop, members, products... were already written.
    const sales = parsed.tables['sales'] as Sale[];
    parsed.tables['sales'] = [...sales, sales[0]];
    await expect(replaceAll(db, parsed)).rejects.toThrow();
    expect(canonicalJson(await dumpTables(db))).toBe(before);
    await expect(restoreBackup(db, parsed, savedOk)).rejects.toBeInstanceOf(RestoreError);
    expect(canonicalJson(await dumpTables(db))).toBe(before);
  });
});

describe('hostile files are refused before anything is touched', () => {
  it('refuses each kind with its own sentence', async () => {
    const { db } = await dayOfSales();
    const good = await createBackup(db, { reason: 'manual' });
    const doc = (): BackupDocument => JSON.parse(good.text) as BackupDocument;
    const cases: [string, string][] = [
      ['not json', 'backup.err.notJson'],
      ['{"format":"etal-backup"', 'backup.err.notJson'],
      ['[1,2,3]', 'backup.err.notBackup'],
      ['{"format":"autre-chose","version":1}', 'backup.err.notBackup'],
      [JSON.stringify({ ...doc(), version: 4 }), 'backup.err.newerVersion'],
      // Format 3 is signed: the signature of the seal, missing or changed, is refused even though the seal holds.
      [JSON.stringify({ ...doc(), signature: undefined }), 'backup.err.badSignature'],
      [JSON.stringify({ ...doc(), signature: `${doc().signature?.slice(0, -1) ?? ''}${doc().signature?.endsWith('0') ? '1' : '0'}` }), 'backup.err.badSignature'],
      [JSON.stringify({ ...doc(), publicKey: 'd'.repeat(64) }), 'backup.err.hashMismatch'],
      [JSON.stringify({ ...doc(), version: '1' }), 'backup.err.notBackup'],
      [good.text.replace('"format":"etal-backup"', '"__proto__":{"polluted":true},"format":"etal-backup"'), 'backup.err.hostile'],
      [good.text.replace('"tables":{', '"tables":{"constructor":[],'), 'backup.err.hostile'],
      [JSON.stringify({ ...doc(), coopName: 'x'.repeat(2_000_000) }), 'backup.err.hostile'],
      [`${'['.repeat(100)}${']'.repeat(100)}`, 'backup.err.hostile'],
      [' '.repeat(MAX_BACKUP_CHARS + 1), 'backup.err.tooBig'],
      [JSON.stringify({ ...doc(), sha256: 'f'.repeat(64) }), 'backup.err.hashMismatch'],
      [JSON.stringify({ ...doc(), tables: { ...doc().tables, sales: [] } }), 'backup.err.hashMismatch'],
      // Format 2 seals the header too: a changed date, reason, version of Étal, count or last hash is caught.
      [JSON.stringify({ ...doc(), createdAt: '2020-01-01T00:00:00.000Z' }), 'backup.err.hashMismatch'],
      [JSON.stringify({ ...doc(), reason: 'closing' }), 'backup.err.hashMismatch'],
      [JSON.stringify({ ...doc(), appVersion: '9.9.9' }), 'backup.err.hashMismatch'],
      [JSON.stringify({ ...doc(), coopName: 'Autre' }), 'backup.err.hashMismatch'],
      [JSON.stringify({ ...doc(), lastJournalHash: 'c'.repeat(64) }), 'backup.err.hashMismatch'],
      [JSON.stringify({ ...doc(), counts: { ...doc().counts, members: 99 } }), 'backup.err.hashMismatch'],
      [JSON.stringify({ ...doc(), extra: 'ajouté' }), 'backup.err.hashMismatch'],
      [JSON.stringify({ ...doc(), createdAt: 'hier' }), 'backup.err.invalid'],
    ];
    for (const [text, key] of cases) {
      expect(problemOf(() => readBackup(db, text)).key, text.slice(0, 60)).toBe(key);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('catches a tampered sale even with the hash re-sealed: the journal no longer verifies', async () => {
    const { db } = await dayOfSales();
    const doc = JSON.parse((await createBackup(db, { reason: 'manual' })).text) as BackupDocument;
    const sale = doc.tables['sales']?.[1] as Sale;
    sale.totals.ttc = 1;
    const problem = problemOf(() => readBackup(db, reseal(doc)));
    expect(problem.key).toBe('backup.err.journalBroken');
    expect(problem.params['seq']).toBeGreaterThan(0);
  });

  it('catches a removed sale and a removed journal entry', async () => {
    const { db } = await dayOfSales();
    const text = (await createBackup(db, { reason: 'manual' })).text;
    const noSale = JSON.parse(text) as BackupDocument;
    noSale.tables['sales'] = (noSale.tables['sales'] as Sale[]).slice(1);
    expect(problemOf(() => readBackup(db, reseal(noSale))).key).toBe('backup.err.journalBroken');
    const noEntry = JSON.parse(text) as BackupDocument;
    noEntry.tables['journal'] = (noEntry.tables['journal'] ?? []).slice(0, -1);
    expect(problemOf(() => readBackup(db, reseal(noEntry))).key).toBe('backup.err.journalBroken');
  });

  it('refuses a record that breaks its schema, and names where', async () => {
    const { db } = await dayOfSales();
    const doc = JSON.parse((await createBackup(db, { reason: 'manual' })).text) as BackupDocument;
    (doc.tables['products']?.[0] as { price: unknown }).price = 'gratuit';
    const problem = problemOf(() => readBackup(db, reseal(doc)));
    expect(problem.key).toBe('backup.err.invalid');
    expect(problem.params['where']).toBe('products[0].price');
  });

  it('refuses a table this Étal does not know, and a backup without a co-op', async () => {
    const { db } = await dayOfSales();
    const text = (await createBackup(db, { reason: 'manual' })).text;
    const extra = JSON.parse(text) as BackupDocument;
    extra.tables['futureTable'] = [];
    expect(problemOf(() => readBackup(db, reseal(extra))).params['table']).toBe('futureTable');
    const noCoop = JSON.parse(text) as BackupDocument;
    noCoop.tables['coop'] = [];
    expect(problemOf(() => readBackup(db, reseal(noCoop))).key).toBe('backup.err.noCoop');
  });

  it('every single-character change of a backup is refused, and the database stays byte for byte the same', async () => {
    const { db } = await dayOfSales();
    const text = (await createBackup(db, { reason: 'manual' })).text;
    const original = canonicalJson(JSON.parse(text));
    const before = canonicalJson(await dumpTables(db));
    /** Same value as the original once parsed (only layout differs): the one kind of change a backup may take. */
    const sameValue = (mutated: string) => {
      try {
        return canonicalJson(JSON.parse(mutated)) === original;
      } catch {
        return false;
      }
    };
    const stats = { tried: 0, refused: 0, layoutOnly: 0, dbCompared: 0 };
    const keys = new Map<string, number>();
    const check = async (mutated: string, compareDb: boolean) => {
      stats.tried += 1;
      let refusal: unknown = null;
      try {
        readBackup(db, mutated);
      } catch (error) {
        refusal = error;
      }
      if (refusal === null) {
        // Accepted: only a change of layout may be (whitespace between tokens, the parser allows it).
        expect(sameValue(mutated), mutated.slice(0, 80)).toBe(true);
        stats.layoutOnly += 1;
        return;
      }
      expect(refusal).toBeInstanceOf(BackupProblem);
      stats.refused += 1;
      const key = (refusal as BackupProblem).key;
      keys.set(key, (keys.get(key) ?? 0) + 1);
      if (compareDb) {
        // As the screen does: read the whole file, and only if it passes, restore it.
        await expect((async () => restoreBackup(db, readBackup(db, mutated), savedOk))()).rejects.toBeInstanceOf(BackupProblem);
        stats.dbCompared += 1;
        expect(canonicalJson(await dumpTables(db))).toBe(before);
      }
    };
    const started = performance.now();
    // The header (everything outside "tables"): every position, each by two other printable characters.
    // The tables: every third position (a rotating offset, so every kind of character is hit).
    const tablesStart = text.indexOf('"tables":');
    const substitute = (at: number, shift: number) => String.fromCharCode(32 + ((text.charCodeAt(at) - 32 + shift) % 95));
    let substitutions = 0;
    for (let at = 0; at < text.length; at += 1) {
      const header = at < tablesStart || at >= text.length - 1;
      if (!header && at % 3 !== 0) continue;
      for (const shift of header ? [1 + (at % 89), 47] : [1 + (at % 89)]) {
        substitutions += 1;
        await check(`${text.slice(0, at)}${substitute(at, shift)}${text.slice(at + 1)}`, substitutions % 59 === 0);
      }
    }
    // Truncations, deletions, and insertions (a space between tokens is the layout-only change).
    let cuts = 0;
    for (let at = 0; at < text.length; at += 7) await check(text.slice(0, at), (cuts += 1) % 20 === 0);
    for (let at = 0; at < text.length; at += 23) await check(`${text.slice(0, at)}${text.slice(at + 1)}`, (cuts += 1) % 20 === 0);
    for (let at = 0; at < text.length; at += 23) await check(`${text.slice(0, at)}${at % 2 === 0 ? ' ' : 'x'}${text.slice(at)}`, (cuts += 1) % 20 === 0);
    const ms = Math.round(performance.now() - started);
    console.info(`backup fuzz: ${text.length} characters, ${stats.tried} files, ${stats.refused} refused, ${stats.layoutOnly} layout-only accepted, ${stats.dbCompared} database comparisons, ${ms} ms`, Object.fromEntries(keys));
    expect(stats.refused + stats.layoutOnly).toBe(stats.tried);
    // Every substitution, truncation and deletion is refused: only inserted spaces can be layout.
    expect(stats.refused).toBeGreaterThanOrEqual(substitutions + Math.ceil(text.length / 7) + Math.ceil(text.length / 23) - 1);
    expect(tablesStart).toBeGreaterThan(500);
    expect(stats.layoutOnly).toBeGreaterThan(0);
    expect(stats.dbCompared).toBeGreaterThan(200);
    expect(canonicalJson(await dumpTables(db))).toBe(before);
  }, 60_000);

  it('the seal is over the canonical form: re-indented or reordered, a backup stays valid; a changed space inside a text does not', async () => {
    const { db, coop } = await dayOfSales();
    const built = await createBackup(db, { reason: 'manual' });
    const pretty = JSON.stringify(built.document, null, 2);
    expect(readBackup(db, pretty).summary.coopName).toBe(coop.name);
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(built.document).reverse()));
    expect(readBackup(db, reordered).summary.tickets).toBe(3);
    const spaced = built.text.replace('Wax & Fils', 'Wax  & Fils');
    expect(problemOf(() => readBackup(db, spaced)).key).toBe('backup.err.hashMismatch');
  });
});
