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
