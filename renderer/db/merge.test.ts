import { describe, expect, it } from 'vitest';
import { BackupProblem, type BackupDocument } from '../../shared/backup';
import { computePayout, RULES } from '../../shared/payout';
import { canonicalJson } from '../../shared/journal';
import type { Coop, Product, Sale } from '../../shared/schemas';
import { createBackup, dumpTables, readBackup, replaceAll } from './backup';
import { updateCoop } from './catalog';
import { saveCharge, saveShift } from './charges';
import { closeDay, recordCashMovement } from './closings';
import { EtalDb } from './db';
import { createTillFromBackup, mergeTill, MergeProblem, previewMerge } from './merge';
import { loadPayoutInput } from './payout';
import { cancelSale, recordSale, verifyTillJournal } from './sales';
import { recordPurchase, saveMaterial } from './stock';
import { resealAsForger, cartLine, demoDb } from './testing';

let counter = 0;

/** Till A: the demo; till B: added from A's backup file, as the setup screen does. */
async function twoTills(prepareA?: (db: EtalDb) => Promise<void>) {
  const a = await demoDb();
  await prepareA?.(a.db);
  counter += 1;
  const dbB = new EtalDb(`etal-merge-b-${counter}-${Math.random().toString(36).slice(2)}`);
  const fromA = readBackup(dbB, (await createBackup(a.db, { reason: 'manual' })).text);
  const coopB = await createTillFromBackup(dbB, fromA, 'Caisse 2');
  const productB = async (name: string): Promise<Product> => {
    const found = (await dbB.products.toArray()).find((p) => p.name === name);
    if (!found) throw new Error(name);
    return found;
  };
  return { a, b: { db: dbB, coop: coopB, product: productB } };
}

async function sell(db: EtalDb, coop: Coop, product: Product, at: string, method: 'cash' | 'card' = 'card'): Promise<Sale> {
  return recordSale(db, coop, { cart: { lines: [cartLine(product, 1000)] }, payments: [{ method, amount: product.price, ...(method === 'cash' ? { tendered: product.price } : {}) }], at });
}

/** B sells two tickets, cancels one, records a cash fund and closes the day. */
async function dayOnB(b: Awaited<ReturnType<typeof twoTills>>['b']) {
  const garland = await b.product('Guirlande wax 1 m');
  const first = await sell(b.db, b.coop, garland, '2026-12-05T10:00:00.000Z', 'cash');
  await sell(b.db, b.coop, garland, '2026-12-05T11:00:00.000Z');
  await cancelSale(b.db, b.coop, { saleId: first.id, reason: 'erreur', at: '2026-12-05T11:30:00.000Z' });
  await recordCashMovement(b.db, b.coop, { kind: 'fund', amount: 5000, at: '2026-12-05T09:00:00.000Z' });
  await closeDay(b.db, b.coop, { day: '2026-12-05', count: [{ value: 5000, quantity: 1 }], countedBy: 'Awa', at: '2026-12-05T18:00:00.000Z' });
}

async function backupText(db: EtalDb): Promise<string> {
  return (await createBackup(db, { reason: 'manual' })).text;
}

const reseal = resealAsForger;

/** The data, without the anchors: each backup and merge remembers its head there under a fresh id and time. */
async function snapshot(db: EtalDb): Promise<string> {
  const { anchors: _anchors, ...tables } = await dumpTables(db);
  return canonicalJson(tables);
}

async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('a second till added from the first till’s file', () => {
  it('shares the co-op, CAE, members and products, with its own till id, name, ticket series and an empty journal', async () => {
    const { tillSigner } = await import('./custody');
    // A already signs (an archive or payout export made before B was set up).
    const { a, b } = await twoTills(async (db) => void (await tillSigner(db, (await db.coop.get('coop'))!.tillId)));
    expect(b.coop.tillId).not.toBe(a.coop.tillId);
    expect(b.coop).toMatchObject({ name: a.coop.name, cae: a.coop.cae, tillName: 'Caisse 2' });
    // B knows A by name (its sales list labels A's tickets after a merge) and does not sign as A.
    expect(b.coop.otherTills).toEqual([{ id: a.coop.tillId, name: a.coop.tillName }]);
    const [keyA, keyB] = await Promise.all([tillSigner(a.db, a.coop.tillId), tillSigner(b.db, b.coop.tillId)]);
    expect(keyB.publicKeyHex).not.toBe(keyA.publicKeyHex);
    // B's chain opens with its own key ('first'), made on its device.
    expect((await b.db.journal.toArray()).map((e) => e.type)).toEqual(['key']);
    expect((await b.db.keyChanges.toArray()).map((c) => [c.reason, c.newPublicKey, c.oldPublicKey])).toEqual([['first', keyB.publicKeyHex, undefined]]);
    expect((await b.db.members.toArray()).map((m) => m.id).sort()).toEqual((await a.db.members.toArray()).map((m) => m.id).sort());
    expect((await b.db.products.toArray()).map((p) => p.id).sort()).toEqual((await a.db.products.toArray()).map((p) => p.id).sort());
    expect(await b.db.stockLevels.count()).toBe(0);
    const sale = await sell(b.db, b.coop, await b.product('Chouchou wax'), '2026-12-05T10:00:00.000Z');
    expect(sale).toMatchObject({ ticketNumber: 1, tillId: b.coop.tillId });
  });

  it('refuses to set up over an existing co-op', async () => {
    const { a } = await twoTills();
    const parsed = readBackup(a.db, await backupText(a.db));
    await expect(createTillFromBackup(a.db, parsed, 'Encore')).rejects.toThrow('already set up');
  });
});

describe('merging another till', () => {
  it('adds its sales, cancellation, cash movement, closing and journal; the other till’s chain verifies; a second import adds nothing', async () => {
    const { a, b } = await twoTills();
    await sell(a.db, a.coop, a.product('Chouchou wax'), '2026-12-05T10:05:00.000Z');
    await dayOnB(b);
    const text = await backupText(b.db);

    const { plan } = await previewMerge(a.db, text);
    expect(plan).toMatchObject({ sameTill: false, otherCoop: false, fileTillName: 'Caisse 2', nothingNew: false, conflicts: [] });
    expect(plan.tills).toEqual([
      {
        tillId: b.coop.tillId,
        tillName: 'Caisse 2',
        sales: 2,
        cancellations: 1,
        closings: 1,
        cashMovements: 1,
        others: 1,
        journal: 6,
        firstAt: '2026-12-05T10:00:00.000Z',
        lastAt: '2026-12-05T11:30:00.000Z',
      },
    ]);
    const stockBefore = canonicalJson(await a.db.stockLevels.toArray());

    await mergeTill(a.db, readBackup(a.db, text));
    expect(await a.db.sales.count()).toBe(4);
    expect(await a.db.closings.where('tillId').equals(b.coop.tillId).count()).toBe(1);
    // B's chain opens with its key; A's key was journalled when A wrote the file B was set up from.
    expect(await verifyTillJournal(a.db, b.coop.tillId)).toMatchObject({ ok: true, entries: 6 });
    expect(await verifyTillJournal(a.db, a.coop.tillId)).toMatchObject({ ok: true, entries: 2 });
    expect((await a.db.keyChanges.where('tillId').equals(b.coop.tillId).toArray()).map((c) => c.reason)).toEqual(['first']);
    // Stock stays this till's: B's sales moved B's stock, not A's.
    expect(canonicalJson(await a.db.stockLevels.toArray())).toBe(stockBefore);
    expect((await a.db.coop.get('coop'))?.otherTills).toEqual([{ id: b.coop.tillId, name: 'Caisse 2' }]);

    const after = await snapshot(a.db);
    const again = await previewMerge(a.db, text);
    expect(again.plan.nothingNew).toBe(true);
    expect(again.plan.tills).toEqual([]);
    await mergeTill(a.db, again.parsed);
    expect(await snapshot(a.db)).toBe(after);
  });

  it('merges later days on top of an earlier merge, and gives the same sales whichever till merges the other', async () => {
    const { a, b } = await twoTills();
    await sell(a.db, a.coop, a.product('Chouchou wax'), '2026-12-05T10:05:00.000Z');
    await sell(b.db, b.coop, await b.product('Chouchou wax'), '2026-12-05T10:06:00.000Z');
    await mergeTill(a.db, readBackup(a.db, await backupText(b.db)));
    await sell(b.db, b.coop, await b.product('Guirlande wax 1 m'), '2026-12-06T10:00:00.000Z');
    const { plan } = await previewMerge(a.db, await backupText(b.db));
    expect(plan.tills).toMatchObject([{ sales: 1, journal: 1 }]);
    await mergeTill(a.db, readBackup(a.db, await backupText(b.db)));
    await mergeTill(b.db, readBackup(b.db, await backupText(a.db)));
    const salesOf = async (db: EtalDb) => canonicalJson((await db.sales.toArray()).sort((x, y) => (x.id < y.id ? -1 : 1)));
    expect(await salesOf(a.db)).toBe(await salesOf(b.db));
    expect(await a.db.sales.count()).toBe(3);
    for (const db of [a.db, b.db]) {
      for (const tillId of [a.coop.tillId, b.coop.tillId]) expect((await verifyTillJournal(db, tillId)).ok).toBe(true);
    }
  });

  it('refuses a file whose other-till journal was tampered with, before writing anything', async () => {
    const { a, b } = await twoTills();
    await dayOnB(b);
    const doc = JSON.parse(await backupText(b.db)) as BackupDocument;
    const sale = (doc.tables['sales'] as Sale[])[1] as Sale;
    sale.totals.ttc += 100;
    const before = await snapshot(a.db);
    const refused = await rejection(() => previewMerge(a.db, reseal(doc)));
    expect(refused).toBeInstanceOf(BackupProblem);
    expect((refused as BackupProblem).key).toBe('backup.err.journalBroken');

    // Tables altered after the check are caught again by the merge itself.
    const parsed = readBackup(a.db, await backupText(b.db));
    ((parsed.tables['sales'] as Sale[])[0] as Sale).totals.ttc += 1;
    const again = await rejection(() => mergeTill(a.db, parsed));
    expect((again as BackupProblem).key).toBe('backup.err.journalBroken');
    expect(await snapshot(a.db)).toBe(before);
  });

  it('refuses the whole merge on a conflict (the other till restored an old backup and sold again), naming it', async () => {
    const { a, b } = await twoTills();
    const product = await b.product('Chouchou wax');
    await sell(b.db, b.coop, product, '2026-12-05T10:00:00.000Z');
    const early = readBackup(b.db, await backupText(b.db));
    await sell(b.db, b.coop, product, '2026-12-05T11:00:00.000Z');
    await mergeTill(a.db, readBackup(a.db, await backupText(b.db)));
    await replaceAll(b.db, early);
    await sell(b.db, b.coop, product, '2026-12-05T12:00:00.000Z');
    await sell(b.db, b.coop, product, '2026-12-05T12:30:00.000Z');
    const before = await snapshot(a.db);
    const { plan } = await previewMerge(a.db, await backupText(b.db));
    expect(plan.conflicts.map((c) => c.label)).toEqual(['Caisse 2 · journal 3', 'Caisse 2 · ticket 2']);
    const conflict = await rejection(async () => mergeTill(a.db, readBackup(a.db, await backupText(b.db))));
    expect(conflict).toBeInstanceOf(MergeProblem);
    expect(conflict).toMatchObject({ key: 'backup.merge.err.conflict', params: { what: 'Caisse 2 · journal 3', count: 2 } });
    expect(await snapshot(a.db)).toBe(before);
  });

  it('refuses this till’s own file, and asks before merging a file of another co-op', async () => {
    const { a, b } = await twoTills();
    const own = await rejection(async () => previewMerge(a.db, await backupText(a.db)));
    expect(own).toMatchObject({ key: 'backup.merge.err.sameTill' });

    await sell(b.db, b.coop, await b.product('Chouchou wax'), '2026-12-05T10:00:00.000Z');
    await updateCoop(b.db, { cae: { ...b.coop.cae, siret: '73282932000074' } });
    const text = await backupText(b.db);
    const { plan } = await previewMerge(a.db, text);
    expect(plan.otherCoop).toBe(true);
    const before = await snapshot(a.db);
    const refused = await rejection(() => mergeTill(a.db, readBackup(a.db, text)));
    expect(refused).toMatchObject({ key: 'backup.merge.err.otherCoop' });
    expect(await snapshot(a.db)).toBe(before);
    await mergeTill(a.db, readBackup(a.db, text), { acceptOtherCoop: true });
    expect(await a.db.sales.count()).toBe(1);
  });

  it('lists catalogue differences without overwriting, and adds what exists only in the file on request', async () => {
    const { a, b } = await twoTills();
    const chouchou = await b.product('Chouchou wax');
    await b.db.products.update(chouchou.id, { price: chouchou.price + 50 });
    const extra: Product = { ...chouchou, id: 'c0ffee00-0000-4000-8000-000000000001', name: 'Sac wax' };
    await b.db.products.add(extra);
    const member = (await b.db.members.toArray())[0];
    if (!member) throw new Error('no member');
    await b.db.members.add({ ...member, id: 'c0ffee00-0000-4000-8000-000000000002', firstName: 'Mariam', order: 99 });
    const text = await backupText(b.db);

    const { plan } = await previewMerge(a.db, text);
    expect(plan.catalogue).toEqual([
      { table: 'products', id: chouchou.id, name: 'Chouchou wax', kind: 'different', fields: ['price'] },
      { table: 'products', id: extra.id, name: 'Sac wax', kind: 'missing', fields: [] },
      { table: 'members', id: 'c0ffee00-0000-4000-8000-000000000002', name: 'Mariam', kind: 'missing', fields: [] },
    ]);
    // Nothing sold on B: only its key entry is new.
    expect(plan.tills).toMatchObject([{ sales: 0, closings: 0, journal: 1, others: 1 }]);

    await mergeTill(a.db, readBackup(a.db, text));
    expect(await a.db.products.get(extra.id)).toBeUndefined();
    await mergeTill(a.db, readBackup(a.db, text), { addMissing: true });
    expect((await a.db.products.get(extra.id))?.name).toBe('Sac wax');
    expect((await a.db.members.get('c0ffee00-0000-4000-8000-000000000002'))?.firstName).toBe('Mariam');
    // The price that differs stays this till's.
    expect((await a.db.products.get(chouchou.id))?.price).toBe(a.product('Chouchou wax').price);
    expect((await previewMerge(a.db, text)).plan.catalogue).toEqual([{ table: 'products', id: chouchou.id, name: 'Chouchou wax', kind: 'different', fields: ['price'] }]);
  });
});

describe('merging, then paying out', () => {
  it('gives the same payout figures and shares whichever till merges the other, and stock stays each till’s', async () => {
    const { a, b } = await twoTills(async (db) => {
      await saveMaterial(db, { name: 'Ruban', unit: 'metre', unitCost: 50, vatRate: 2000, lowStock: 0, supplierNote: '' });
    });
    const members = await a.db.members.toArray();
    const [awa, mariam] = members;
    if (!awa || !mariam) throw new Error('demo members');
    const ribbon = (await b.db.materials.toArray())[0];
    if (!ribbon) throw new Error('no material');
    await sell(a.db, a.coop, a.product('Guirlande wax 1 m'), '2026-12-05T10:00:00.000Z');
    await saveShift(a.db, { memberId: awa.id, day: '2026-12-05', minutes: 240 });
    await dayOnB(b);
    await saveCharge(b.db, { day: '2026-12-05', label: 'Place au marché', category: 'stallFee', amount: 12000, vatRate: 2000 });
    await saveShift(b.db, { memberId: mariam.id, day: '2026-12-05', minutes: 180 });
    await recordPurchase(b.db, { materialId: ribbon.id, day: '2026-12-05', quantity: 10000, amount: 600, vatRate: 2000, paidBy: mariam.id });
    const levelsA = canonicalJson(await a.db.materialLevels.toArray());

    const fileA = await backupText(a.db);
    const fileB = await backupText(b.db);
    await mergeTill(a.db, readBackup(a.db, fileB));
    await mergeTill(b.db, readBackup(b.db, fileA));
    const period = { from: '2026-12-01', to: '2026-12-31', eventIds: [] as string[] };
    const payoutOf = async (db: EtalDb, coop: Coop) => computePayout(await loadPayoutInput(db, coop, period), RULES.hours);
    const onA = await payoutOf(a.db, a.coop);
    const onB = await payoutOf(b.db, b.coop);
    expect(onA.figures).toEqual(onB.figures);
    expect(onA.shares).toEqual(onB.shares);
    // Both tills' sales (A 12,00 €, B 12,00 € net after the cancelled 12,00 €), B's stall fee and ribbon count.
    expect(onA.figures).toMatchObject({ ttc: 2400, chargesHt: 10500 });
    expect((await loadPayoutInput(a.db, a.coop, period)).sales).toHaveLength(4);
    // The purchase made on B did not move A's material stock.
    expect(canonicalJson(await a.db.materialLevels.toArray())).toBe(levelsA);
  });
});

describe('merging a damaged file', () => {
  it('refuses every mutated or truncated file with a sentence and writes nothing; a file it accepts merges exactly the clean data', async () => {
    const { a, b } = await twoTills();
    await dayOnB(b);
    const clean = await backupText(b.db);
    // What the clean file adds, merged into a copy of A.
    const reference = new EtalDb(`etal-merge-ref-${Math.random().toString(36).slice(2)}`);
    await replaceAll(reference, readBackup(reference, await backupText(a.db)));
    await mergeTill(reference, readBackup(reference, clean));
    const merged = await snapshot(reference);
    const before = await snapshot(a.db);
    const original = readBackup(a.db, await backupText(a.db));

    let seed = 20261205;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const mutations: ((text: string) => string)[] = [
      (t) => t.slice(0, random(t.length)),
      (t) => {
        const i = random(t.length);
        return `${t.slice(0, i)}${String.fromCharCode(32 + random(90))}${t.slice(i + 1)}`;
      },
      (t) => {
        const i = random(t.length);
        return `${t.slice(0, i)}${t.slice(i + 1 + random(40))}`;
      },
      (t) => t.replace(/"ticketNumber":(\d+)/, (_, n: string) => `"ticketNumber":${Number(n) + 1}`),
      (t) => t.replace('"tables":{', '"tables":{"__proto__":{"x":1},'),
      (t) => t.replace(/"amount":(\d+)/, '"amount":1e300'),
    ];
    let refused = 0;
    let accepted = 0;
    for (let i = 0; i < 240; i += 1) {
      const text = (mutations[i % mutations.length] as (t: string) => string)(clean);
      let parsed;
      try {
        parsed = (await previewMerge(a.db, text)).parsed;
      } catch (error) {
        expect(error).toBeInstanceOf(BackupProblem);
        expect((error as BackupProblem).key).toMatch(/^backup\.err\./);
        refused += 1;
        continue;
      }
      // Only a change outside the hashed tables (e.g. the envelope's date) can pass: the data is then the clean file's.
      await mergeTill(a.db, parsed);
      expect(await snapshot(a.db)).toBe(merged);
      await replaceAll(a.db, original);
      accepted += 1;
    }
    expect(refused).toBeGreaterThan(200);
    expect(refused + accepted).toBe(240);
    expect(await snapshot(a.db)).toBe(before);
  });
});
