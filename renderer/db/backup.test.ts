import { describe, expect, it } from 'vitest';
import { BackupProblem, MAX_BACKUP_CHARS, recordSchemas, tablesHash, type BackupDocument } from '../../shared/backup';
import { canonicalJson } from '../../shared/journal';
import type { Sale } from '../../shared/schemas';
import { createBackup, dumpTables, readBackup, replaceAll, restoreBackup, RestoreError, type WriteBackupResult } from './backup';
import { tillArchiveZip } from './archive';
import { closeDay, recordCashMovement } from './closings';
import { cancelSale, recordSale, verifyTillJournal } from './sales';
import { cartLine, demoDb } from './testing';

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

const savedOk = (): Promise<WriteBackupResult> => Promise.resolve({ saved: true, at: '2026-12-05T12:00:00.000Z' });

/** Re-seals a tampered document's hash and counts, as a careful forger would. */
function reseal(doc: BackupDocument): string {
  doc.counts = Object.fromEntries(Object.entries(doc.tables).map(([n, r]) => [n, r.length]));
  doc.sha256 = tablesHash(doc.tables);
  return JSON.stringify(doc);
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
  it('knows a record schema for every table of the database (a new table must be added to recordSchemas)', async () => {
    const { db } = await demoDb();
    expect(db.tables.map((t) => t.name).filter((n) => !(n in recordSchemas))).toEqual([]);
  });

  it('demo data → backup → wipe → restore gives an identical export, and the journal verifies', async () => {
    const { db, coop } = await dayOfSales();
    const before = await dumpTables(db);
    const built = await createBackup(db, { reason: 'manual', appVersion: '0.1.0', createdAt: '2026-12-05T12:00:00.000Z' });
    expect(built.fileName).toBe('etal-sauvegarde-2026-12-05T12-00-00-000Z.json');
    expect(built.document).toMatchObject({ format: 'etal-backup', version: 1, coopName: coop.name, tillId: coop.tillId, reason: 'manual' });
    expect(built.document.counts).toMatchObject({ sales: 3, journal: 6, coop: 1, closings: 1, cashMovements: 1, exports: 1 });
    expect(Object.keys(built.document.counts).sort()).toEqual(db.tables.map((t) => t.name).sort());
    const journalEnd = (await db.journal.toArray()).at(-1)?.hash;
    expect(built.document.lastJournalHash).toBe(journalEnd);

    await db.transaction('rw', db.tables, async () => {
      for (const t of db.tables) await t.clear();
    });
    expect(await db.sales.count()).toBe(0);

    const parsed = readBackup(db, built.text);
    expect(parsed.summary).toMatchObject({ coopName: coop.name, tickets: 3, firstSaleAt: '2026-12-05T10:00:00.000Z', lastSaleAt: '2026-12-05T11:30:00.000Z' });
    await restoreBackup(db, parsed, savedOk);
    const after = await dumpTables(db);
    expect(canonicalJson(after)).toBe(canonicalJson(before));
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true, entries: 6 });
    // The same data backs up to the same hash: the format is deterministic.
    const again = await createBackup(db, { reason: 'manual', appVersion: '0.1.0', createdAt: '2026-12-05T12:00:00.000Z' });
    expect(again.document.sha256).toBe(built.document.sha256);
  });

  it('restoring an earlier backup removes later sales and the till numbers on from the restored counter', async () => {
    const { db, coop, garland } = await dayOfSales();
    const earlier = await createBackup(db, { reason: 'manual' });
    await recordSale(db, coop, { cart: { lines: [cartLine(garland, 1000)] }, payments: [{ method: 'card', amount: 1200 }] });
    expect(await db.sales.count()).toBe(4);
    await restoreBackup(db, readBackup(db, earlier.text), savedOk);
    expect(await db.sales.count()).toBe(3);
    const next = await recordSale(db, coop, { cart: { lines: [cartLine(garland, 1000)] }, payments: [{ method: 'card', amount: 1200 }] });
    expect(next.ticketNumber).toBe(4);
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true, entries: 7 });
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
    const before = canonicalJson(await dumpTables(db));
    const parsed = readBackup(db, (await createBackup(db, { reason: 'manual' })).text);
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
      [JSON.stringify({ ...doc(), version: 2 }), 'backup.err.newerVersion'],
      [JSON.stringify({ ...doc(), version: '1' }), 'backup.err.notBackup'],
      [good.text.replace('"format":"etal-backup"', '"__proto__":{"polluted":true},"format":"etal-backup"'), 'backup.err.hostile'],
      [good.text.replace('"tables":{', '"tables":{"constructor":[],'), 'backup.err.hostile'],
      [JSON.stringify({ ...doc(), coopName: 'x'.repeat(2_000_000) }), 'backup.err.hostile'],
      [`${'['.repeat(100)}${']'.repeat(100)}`, 'backup.err.hostile'],
      [' '.repeat(MAX_BACKUP_CHARS + 1), 'backup.err.tooBig'],
      [JSON.stringify({ ...doc(), sha256: 'f'.repeat(64) }), 'backup.err.hashMismatch'],
      [JSON.stringify({ ...doc(), tables: { ...doc().tables, sales: [] } }), 'backup.err.hashMismatch'],
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

  it('three thousand mutated and truncated files: each refused, nothing throws anything but a BackupProblem', async () => {
    const { db } = await dayOfSales();
    const text = (await createBackup(db, { reason: 'manual' })).text;
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    let refused = 0;
    for (let i = 0; i < 3000; i += 1) {
      const at = random(text.length);
      const mutated = i % 2 === 0 ? text.slice(0, at) : `${text.slice(0, at)}${String.fromCharCode(32 + random(90))}${text.slice(at + 1)}`;
      if (mutated === text) continue;
      try {
        readBackup(db, mutated);
      } catch (error) {
        expect(error).toBeInstanceOf(BackupProblem);
        refused += 1;
      }
    }
    // A few substitutions land in whitespace-free but equivalent places (e.g. a digit of createdAt's
    // milliseconds is not hashed): those files are still valid backups. Everything else is refused.
    expect(refused).toBeGreaterThan(2850);
  });
});
