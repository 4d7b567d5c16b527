import { describe, expect, it } from 'vitest';
import { createBackup } from './backup';
import { recordSale } from './sales';
import { beat, loadBasket, saleNearPreviousEnd, saveBasket } from './session';
import { cartLine, demoDb } from './testing';

describe('the basket kept across a reload', () => {
  it('comes back as it was, and is gone once emptied', async () => {
    const { db, product } = await demoDb();
    const cart = { lines: [cartLine(product('Guirlande wax 1 m'), 2000)], discount: { kind: 'percent' as const, value: 1000 }, discountReason: 'fidèle' };
    await saveBasket(db, cart);
    expect(await loadBasket(db)).toEqual(cart);
    await saveBasket(db, { lines: [] });
    expect(await loadBasket(db)).toBeNull();
  });

  it('drops a stored basket that does not read as one rather than half-restoring it', async () => {
    const { db } = await demoDb();
    await db.session.put({ key: 'basket', value: { lines: [{ name: 'x', quantity: -3 }] }, at: new Date().toISOString() });
    expect(await loadBasket(db)).toBeNull();
  });

  it('is not brought back once paid, even when the crash came before it was cleared', async () => {
    const { db, coop, product } = await demoDb();
    const cart = { lines: [cartLine(product('Guirlande wax 1 m'), 1000)] };
    await saveBasket(db, cart);
    expect(await loadBasket(db, coop.tillId)).toEqual(cart);
    await recordSale(db, coop, { cart, payments: [{ method: 'card', amount: 1200 }], at: new Date(Date.now() + 1000).toISOString() });
    expect(await loadBasket(db, coop.tillId)).toBeNull();
  });

  it('is never journalled nor written into a backup', async () => {
    const { db, product } = await demoDb();
    await saveBasket(db, { lines: [cartLine(product('Guirlande wax 1 m'), 1000)] });
    await beat(db);
    expect(await db.journal.count()).toBe(0);
    const { document } = await createBackup(db, { reason: 'manual' });
    expect(Object.keys(document.tables)).not.toContain('session');
    expect(Object.keys(document.tables)).not.toContain('prints');
    expect(Object.keys(document.tables)).toContain('sales');
  });
});

describe('the last sale recalled on start', () => {
  it('is the till’s last sale when the previous session ended within a minute of it', async () => {
    const { db, coop, product } = await demoDb();
    const sale = await recordSale(db, coop, {
      cart: { lines: [cartLine(product('Guirlande wax 1 m'), 1000)] },
      payments: [{ method: 'cash', amount: 1200, tendered: 1200 }],
      at: '2026-12-05T15:42:00.000Z',
    });
    await beat(db, '2026-12-05T15:42:40.000Z');
    expect((await saleNearPreviousEnd(db, coop.tillId))?.ticketNumber).toBe(sale.ticketNumber);
    // A crash after the sale's commit, before the next beat.
    await beat(db, '2026-12-05T15:41:55.000Z');
    expect((await saleNearPreviousEnd(db, coop.tillId))?.id).toBe(sale.id);
    // The till stayed open long after the sale: nothing to recall.
    await beat(db, '2026-12-05T15:43:30.000Z');
    expect(await saleNearPreviousEnd(db, coop.tillId)).toBeNull();
    // Another till's sale is not this one's.
    await beat(db, '2026-12-05T15:42:40.000Z');
    expect(await saleNearPreviousEnd(db, 'other-till')).toBeNull();
  });

  it('says nothing without a heartbeat (first start after the update)', async () => {
    const { db, coop, product } = await demoDb();
    await recordSale(db, coop, { cart: { lines: [cartLine(product('Guirlande wax 1 m'), 1000)] }, payments: [{ method: 'card', amount: 1200 }] });
    expect(await saleNearPreviousEnd(db, coop.tillId)).toBeNull();
  });
});
