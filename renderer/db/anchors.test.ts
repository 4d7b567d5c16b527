/**
 * The tamper suite, till's side (issue 15, item 3): the database edited the
 * way a person holding the laptop would, then *Vérifier le journal*
 * (verifyTill) must say what is wrong, and Ventes, the Z and Partage must
 * not count what came from nowhere.
 */
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { computeFigures } from '../../shared/payout';
import { nextEntry } from '../../shared/journal';
import type { JournalEntry, Sale } from '../../shared/schemas';
import { foreignRecords, verifyTill } from './anchors';
import { createBackup } from './backup';
import { closeDay } from './closings';
import { EtalDb } from './db';
import { loadPayoutInput } from './payout';
import { recordSale, salesOfDay } from './sales';
import { SCHEMA_VERSIONS } from './schema';
import { cartLine, demoDb } from './testing';

/** Day 1: tickets 1–3 and the Z; day 2: tickets 4–5; then a backup. */
async function twoDays() {
  const ctx = await demoDb();
  const garland = ctx.product('Guirlande wax 1 m');
  const sell = (at: string) => recordSale(ctx.db, ctx.coop, { cart: { lines: [cartLine(garland, 1000)] }, payments: [{ method: 'cash', amount: 1200 }], at });
  for (const hour of ['09', '10', '11']) await sell(`2026-12-05T${hour}:00:00.000Z`);
  const z = await closeDay(ctx.db, ctx.coop, { day: '2026-12-05', count: [{ value: 1000, quantity: 3 }, { value: 200, quantity: 3 }], countedBy: 'Awa', at: '2026-12-05T18:00:00.000Z' });
  await sell('2026-12-06T09:00:00.000Z');
  await sell('2026-12-06T10:00:00.000Z');
  const backup = await createBackup(ctx.db, { reason: 'manual', createdAt: '2026-12-06T12:00:00.000Z' });
  return { ...ctx, garland, sell, z, backup };
}

/** Deletes a sale and its entry, then re-chains what follows, as a forger with a script would (hashing needs no key). */
async function deleteAndRechain(db: EtalDb, tillId: string, saleId: string): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await db.sales.delete(saleId);
    const chain = await db.journal.where('[tillId+seq]').between([tillId, Dexie.minKey], [tillId, Dexie.maxKey]).toArray();
    const kept = chain.filter((e) => e.recordId !== saleId);
    await db.journal.clear();
    let previous: JournalEntry | undefined;
    for (const e of kept) {
      const record = (await db.sales.get(e.recordId)) ?? (await db.closings.get(e.recordId)) ?? (await db.cashMovements.get(e.recordId)) ?? (await db.keyChanges.get(e.recordId));
      previous = nextEntry(previous, { tillId, type: e.type, recordId: e.recordId, at: e.at, record });
      await db.journal.add(previous);
    }
  });
}

const lastSaleOf = async (db: EtalDb) => (await db.sales.toArray()).sort((a, b) => b.ticketNumber - a.ticketNumber)[0] as Sale;

describe('Vérifier le journal: anchors and numbered series', () => {
  it('an untouched till passes everything', async () => {
    const { db, coop } = await twoDays();
    const check = await verifyTill(db, coop.tillId);
    expect(check).toMatchObject({ ok: true, holes: [], missingHeads: [], foreign: [], brokenChains: [] });
    expect(check.journal.entries).toBe(7);
    expect((await db.anchors.toArray()).map((a) => a.kind).sort()).toEqual(['backup', 'z']);
  });

  it('the last sale deleted with its entry: the chain is whole, but the backup head and ticket n° 5 are named', async () => {
    const { db, coop, backup } = await twoDays();
    const last = await lastSaleOf(db);
    await db.transaction('rw', db.sales, db.journal, async () => {
      await db.sales.delete(last.id);
      await db.journal.where('recordId').equals(last.id).delete();
    });
    const check = await verifyTill(db, coop.tillId);
    expect(check.journal.ok).toBe(true);
    expect(check.ok).toBe(false);
    expect(check.missingHeads).toHaveLength(1);
    expect(check.missingHeads[0]?.anchor).toMatchObject({ kind: 'backup', name: backup.fileName, seq: 7, hash: backup.document.lastJournalHash });
    expect(check.missingHeads[0]?.found).toBeUndefined();
    expect(check.holes).toEqual([{ series: 'ticket', tillId: coop.tillId, missing: ['5'], count: 1 }]);
  });

  it('the tail cut from ticket 3 on (the Z too), the counter wound back: the Z named by its number, day and printed hash', async () => {
    const { db, coop, z } = await twoDays();
    await db.transaction('rw', db.tables, async () => {
      // Ticket n° 3 is entry 3; the till's key, made for the Z's fingerprint, is entry 4, the Z entry 5.
      const cut = (await db.journal.toArray()).filter((e) => e.seq >= 3);
      for (const e of cut) {
        await db.sales.delete(e.recordId);
        await db.closings.delete(e.recordId);
        await db.keyChanges.delete(e.recordId);
        await db.journal.delete([e.tillId, e.seq]);
      }
      await db.counters.put({ key: `ticket:${coop.tillId}`, value: 2 });
    });
    const check = await verifyTill(db, coop.tillId);
    expect(check.journal).toMatchObject({ ok: true, entries: 2 });
    expect(check.holes).toEqual([{ series: 'z', tillId: coop.tillId, missing: ['1'], count: 1 }]);
    const kinds = check.missingHeads.map((m) => [m.anchor.kind, m.anchor.name, m.anchor.day ?? null]);
    expect(kinds).toEqual([
      ['backup', expect.stringMatching(/^etal-sauvegarde-2026-12-06/), null],
      ['z', '1', '2026-12-05'],
    ]);
    // The Z printed the head before its own entry (seq 4, the key made for it), which is gone.
    expect(check.missingHeads.find((m) => m.anchor.kind === 'z')?.anchor).toMatchObject({ seq: 4, hash: z.lastJournalHash });
  });

  it('a sale deleted in the middle and the chain recomputed: the chain verifies, the hole is named', async () => {
    const { db, coop } = await twoDays();
    const second = (await db.sales.toArray()).find((s) => s.ticketNumber === 2) as Sale;
    await deleteAndRechain(db, coop.tillId, second.id);
    const check = await verifyTill(db, coop.tillId);
    expect(check.journal.ok).toBe(true);
    expect(check.holes).toEqual([{ series: 'ticket', tillId: coop.tillId, missing: ['2'], count: 1 }]);
    // Re-chained from seq 2 on: the Z and the backup heads are at their seq no more.
    expect(check.missingHeads.map((m) => m.anchor.kind).sort()).toEqual(['backup', 'z']);
    // The Z's seq 3 is there with another hash; the backup's seq 6 is past the shortened chain.
    expect(check.missingHeads.find((m) => m.anchor.kind === 'z')?.found).toMatch(/^[0-9a-f]{64}$/);
    expect(check.missingHeads.find((m) => m.anchor.kind === 'backup')?.found).toBeUndefined();
  });

  it('a hole in the invoice series is named with its number', async () => {
    const { db, coop } = await twoDays();
    await db.counters.put({ key: 'invoice:2026', value: 3 });
    const check = await verifyTill(db, coop.tillId);
    expect(check.holes).toEqual([{ series: 'invoice', year: '2026', missing: ['F-2026-0001', 'F-2026-0002', 'F-2026-0003'], count: 3 }]);
  });
});

describe('records of another till', () => {
  async function withForeignSale(ticketNumber = 22) {
    const ctx = await twoDays();
    const real = await lastSaleOf(ctx.db);
    const forged: Sale = { ...real, id: 'forged-sale', tillId: 'made-up-till', ticketNumber, totals: { ...real.totals, ttc: 50000 }, payments: [{ method: 'cash', amount: 50000 }] };
    await ctx.db.sales.add(forged);
    return { ...ctx, forged };
  }

  it('a sale of a till that never came in through a merge is flagged by till and ticket, and left out of Ventes, the Z and Partage', async () => {
    const { db, coop, sell } = await withForeignSale();
    const check = await verifyTill(db, coop.tillId);
    expect(check.journal.ok).toBe(true);
    expect(check.ok).toBe(false);
    expect(check.foreign).toEqual([{ table: 'sales', id: 'forged-sale', tillId: 'made-up-till', ticketNumber: 22, reason: 'unknownTill' }]);
    expect(await foreignRecords(db)).toEqual(check.foreign);

    const ventes = await salesOfDay(db, '2026-12-06');
    expect(ventes.map((s) => s.ticketNumber)).toEqual([5, 4]);

    const payout = computeFigures(await loadPayoutInput(db, coop, { from: '2026-12-01', to: '2026-12-31', eventIds: [] }));
    expect(payout.ttc).toBe(5 * 1200);

    await sell('2026-12-06T11:00:00.000Z');
    const z = await closeDay(db, coop, { day: '2026-12-06', count: [], countedBy: 'Fatou', at: '2026-12-06T18:00:00.000Z' });
    expect(z.totals).toMatchObject({ tickets: 3, ttc: 3 * 1200 });
  });

  it('a merged till counts; a record slipped in under its id without an entry of its chain does not', async () => {
    const { db, coop, forged } = await withForeignSale(1);
    await db.coop.update('coop', { otherTills: [{ id: 'made-up-till', name: 'Caisse 2' }] });
    // As a merge brings it: the record with its entry on that till's chain.
    const entry = nextEntry(undefined, { tillId: 'made-up-till', type: 'sale', recordId: forged.id, at: forged.at, record: forged });
    await db.journal.add(entry);
    expect((await verifyTill(db, coop.tillId)).ok).toBe(true);
    expect((await salesOfDay(db, '2026-12-06')).map((s) => s.ticketNumber)).toEqual([5, 4, 1]);

    await db.sales.add({ ...forged, id: 'slipped-in', ticketNumber: 2 });
    const check = await verifyTill(db, coop.tillId);
    expect(check.foreign).toEqual([{ table: 'sales', id: 'slipped-in', tillId: 'made-up-till', ticketNumber: 2, reason: 'notJournalled' }]);
    expect(check.brokenChains).toMatchObject([{ tillId: 'made-up-till', report: { ok: false, problem: { kind: 'unjournalled-record', recordId: 'slipped-in' } } }]);
    expect((await salesOfDay(db, '2026-12-06')).map((s) => s.ticketNumber)).toEqual([5, 4, 1]);
  });
});

describe('schema version 9', () => {
  it('opens version 6 data: sales and journal kept, the anchors store starts empty and the till verifies', async () => {
    const name = `etal-v6-to-v9-${Math.random().toString(36).slice(2)}`;
    const { db: source, coop } = await twoDays();
    const sales = await source.sales.toArray();
    const closings = await source.closings.toArray();
    // Version 6 had no key entries (the key sat on the co-op record): the chain as a v6 till wrote it.
    let previous: JournalEntry | undefined;
    const journal: JournalEntry[] = [];
    for (const e of (await source.journal.toArray()).filter((x) => x.type !== 'key')) {
      const record = sales.find((x) => x.id === e.recordId) ?? closings.find((x) => x.id === e.recordId);
      previous = nextEntry(previous, { tillId: e.tillId, type: e.type, recordId: e.recordId, at: e.at, record });
      journal.push(previous);
    }
    const old = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.filter((x) => x.version <= 6)) old.version(v.version).stores(v.stores);
    await old.table('coop').add(coop);
    await old.table('sales').bulkAdd(sales);
    await old.table('closings').bulkAdd(closings);
    await old.table('journal').bulkAdd(journal);
    await old.table('counters').add({ key: `ticket:${coop.tillId}`, value: 5 });
    old.close();
    const db = new EtalDb(name);
    expect(db.verno).toBe(9);
    expect(await db.anchors.count()).toBe(0);
    expect(await verifyTill(db, coop.tillId)).toMatchObject({ ok: true, journal: { entries: 6 } });
    db.close();
  });
});
