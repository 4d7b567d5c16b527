import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { EtalDb } from './db';
import { SCHEMA_VERSIONS } from './schema';

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
    SCHEMA_VERSIONS.forEach((v, i) => expect(v.version).toBe(i + 1));
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
    expect(db.verno).toBe(2);
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
});
