import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { EtalDb } from './db';
import { nextEntry } from '../../shared/journal';
import { SCHEMA_VERSIONS } from './schema';
import { verifyTillJournal } from './sales';

// Data as version 1 of Étal wrote it. When a version 2 comes, this test keeps
// opening v1 data with the current code, and a new test covers v2 data.
const V1_STORES = {
  coop: 'id',
  members: 'id, order',
  products: 'id, category',
  stockMovements: 'id, productId, refId, at',
  stockLevels: 'productId',
  sales: 'id, &[tillId+ticketNumber], businessDay, at, cancelsId',
  journal: '[tillId+seq], recordId',
  counters: 'key',
};

describe('database versions', () => {
  it('never changes a released version', () => {
    expect(SCHEMA_VERSIONS[0]).toEqual({ version: 1, stores: V1_STORES });
    // Strictly increasing; numbers are reserved per branch (7: basket, 8: keys, 9: anchors), so one may be missing until all are merged.
    SCHEMA_VERSIONS.forEach((v, i) => expect(v.version).toBeGreaterThan(SCHEMA_VERSIONS[i - 1]?.version ?? 0));
  });

  it('opens v1 data with the v2 code: products keep working, costing stores start empty', async () => {
    const name = 'etal-v1-to-v2';
    const old = new Dexie(name);
    old.version(1).stores(V1_STORES);
    const product = { id: 'p1', name: 'Guirlande', picture: { kind: 'none' }, color: '#e4572e', category: '', unit: 'metre', price: 1200, vatRate: 2000, makerIds: [], trackStock: true, archived: false, createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z' };
    await old.table('products').add(product);
    await old.table('stockMovements').add({ id: 's1', productId: 'p1', delta: 4000, reason: 'initial', refId: '', at: '2026-11-01T10:00:00.000Z' });
    await old.table('stockLevels').add({ productId: 'p1', quantity: 4000 });
    old.close();

    const db = new EtalDb(name);
    expect(db.verno).toBeGreaterThanOrEqual(2);
    expect(await db.products.get('p1')).toEqual(product);
    expect(await db.stockLevels.get('p1')).toEqual({ productId: 'p1', quantity: 4000 });
    expect(await db.materials.count()).toBe(0);
    expect(await db.productions.count()).toBe(0);
    await db.materialLevels.put({ materialId: 'm1', quantity: 1000 });
    expect(await db.materialLevels.get('m1')).toEqual({ materialId: 'm1', quantity: 1000 });
    db.close();
  });

  it('opens data written by version 1 with the current code', async () => {
    const name = 'etal-v1-fixture';
    const old = new Dexie(name);
    old.version(1).stores(V1_STORES);
    await old.table('members').add({ id: 'm1', firstName: 'Aminata', color: '#e4572e', analyticCode: '', archived: false, order: 0, createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z' });
    await old.table('counters').add({ key: 'ticket:t1', value: 41 });
    old.close();

    const db = new EtalDb(name);
    expect(await db.members.get('m1')).toMatchObject({ firstName: 'Aminata' });
    expect(await db.counters.get('ticket:t1')).toEqual({ key: 'ticket:t1', value: 41 });
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
    db.close();
  });

  it('opens v2 data with the current code: the journal still verifies, cash, closing, order and payout stores start empty', async () => {
    const name = 'etal-v2-to-v3';
    const old = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.filter((x) => x.version <= 2)) old.version(v.version).stores(v.stores);
    const sale = {
      id: 's1', tillId: 't1', ticketNumber: 1, type: 'sale', businessDay: '2026-11-20', at: '2026-11-20T10:00:00.000Z',
      lines: [{ productId: 'p1', name: 'Guirlande', unit: 'piece', quantity: 1000, unitPrice: 1200, vatRate: 2000, gross: 1200, discount: 0, total: 1200, makerIds: [] }],
      payments: [{ method: 'card', amount: 1200 }],
      totals: { byRate: [{ rate: 2000, ttc: 1200, ht: 1000, vat: 200 }], ttc: 1200, ht: 1000, vat: 200 },
    };
    await old.table('sales').add(sale);
    await old.table('journal').add(nextEntry(undefined, { tillId: 't1', type: 'sale', recordId: 's1', at: sale.at, record: sale }));
    old.close();

    const db = new EtalDb(name);
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
    expect(await db.closings.count()).toBe(0);
    expect(await db.orders.count()).toBe(0);
    expect(await db.invoices.count()).toBe(0);
    expect(await db.charges.count()).toBe(0);
    expect(await db.cashMovements.count()).toBe(0);
    expect(await db.exports.count()).toBe(0);
    expect(await verifyTillJournal(db, 't1')).toMatchObject({ ok: true, entries: 1 });
    db.close();
  });

  it('opens v4 data with v5 code: a stored day Z is found by its day and number, and a month closing ending on the same day goes beside it', async () => {
    const name = 'etal-v4-to-v5';
    const old = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.filter((x) => x.version <= 4)) old.version(v.version).stores(v.stores);
    const z = { id: 'z1', tillId: 't1', kind: 'day', number: 1, businessDay: '2026-11-30', at: '2026-11-30T18:00:00.000Z' };
    await old.table('closings').add(z);
    old.close();

    const db = new EtalDb(name);
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
    expect(await db.closings.where('[tillId+kind+businessDay]').equals(['t1', 'day', '2026-11-30']).first()).toMatchObject({ id: 'z1' });
    expect(await db.closings.where('[tillId+kind+number]').equals(['t1', 'day', 1]).count()).toBe(1);
    // Month n° 1 ends on 30/11 too: no clash with Z n° 1 of that day.
    await db.closings.add({ ...z, id: 'm1', kind: 'month', period: '2026-11' } as never);
    expect(await db.closings.where('[tillId+businessDay]').equals(['t1', '2026-11-30']).count()).toBe(2);
    // A second day Z n° 1 is still refused by the database itself.
    await expect(db.closings.add({ ...z, id: 'z1-bis', businessDay: '2026-12-01' } as never)).rejects.toMatchObject({ name: 'ConstraintError' });
    db.close();
  });

  it('opens v5 data with v6 code: sales, closings and the journal are kept and verify, the restores store starts empty and takes a restore', async () => {
    const name = 'etal-v5-to-v6';
    const old = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.filter((x) => x.version <= 5)) old.version(v.version).stores(v.stores);
    const sale = {
      id: 's1', tillId: 't1', ticketNumber: 1, type: 'sale', businessDay: '2026-11-30', at: '2026-11-30T10:00:00.000Z',
      lines: [{ productId: 'p1', name: 'Guirlande', unit: 'piece', quantity: 1000, unitPrice: 1200, vatRate: 2000, gross: 1200, discount: 0, total: 1200, makerIds: [] }],
      payments: [{ method: 'card', amount: 1200 }],
      totals: { byRate: [{ rate: 2000, ttc: 1200, ht: 1000, vat: 200 }], ttc: 1200, ht: 1000, vat: 200 },
    };
    const z = { id: 'z1', tillId: 't1', kind: 'day', number: 1, businessDay: '2026-11-30', at: '2026-11-30T18:00:00.000Z' };
    const first = nextEntry(undefined, { tillId: 't1', type: 'sale', recordId: 's1', at: sale.at, record: sale });
    const second = nextEntry(first, { tillId: 't1', type: 'closing', recordId: 'z1', at: z.at, record: z });
    await old.table('sales').add(sale);
    await old.table('closings').add(z);
    await old.table('journal').bulkAdd([first, second]);
    old.close();

    const db = new EtalDb(name);
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
    expect(await db.sales.get('s1')).toEqual(sale);
    expect(await db.closings.where('[tillId+kind+number]').equals(['t1', 'day', 1]).count()).toBe(1);
    expect(await db.restores.count()).toBe(0);
    expect(await verifyTillJournal(db, 't1')).toMatchObject({ ok: true, entries: 2 });
    const restore = { id: 'r1', tillId: 't1', at: '2026-12-01T08:00:00.000Z' } as never;
    await db.restores.add(restore);
    expect(await db.restores.where('tillId').equals('t1').count()).toBe(1);
    // A restore record without its journal entry is caught by the journal check (restores are journalled).
    expect(await verifyTillJournal(db, 't1')).toMatchObject({ ok: false, problem: { kind: 'unjournalled-record', recordId: 'r1' } });
    db.close();
  });

  it('opens v6 data with v7 code: sales kept, the device-local basket and print-count stores start empty', async () => {
    const name = 'etal-v6-to-v7';
    const old = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.filter((x) => x.version <= 6)) old.version(v.version).stores(v.stores);
    await old.table('sales').add({ id: 's1', tillId: 't1', ticketNumber: 1, at: '2026-11-30T10:00:00.000Z', businessDay: '2026-11-30' });
    old.close();

    const db = new EtalDb(name);
    expect(db.verno).toBeGreaterThanOrEqual(7);
    expect(await db.sales.count()).toBe(1);
    expect(await db.session.count()).toBe(0);
    expect(await db.prints.count()).toBe(0);
    await db.prints.put({ docId: 'sale:s1', copies: 1, lastAt: '2026-11-30T10:00:01.000Z' });
    expect(await db.prints.get('sale:s1')).toMatchObject({ copies: 1 });
    db.close();
  });
});
