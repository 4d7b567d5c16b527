import { describe, expect, it } from 'vitest';
import { loadCoop } from './catalog';
import { currentEvent, eventSummary, saveEvent, setCurrentEvent } from './events';
import { cancelSale, recordSale } from './sales';
import { recordCount, recordProduction } from './stock';
import { cartLine, demoDb } from './testing';

describe('markets and fairs', () => {
  it('names the current event for the till, or none', async () => {
    const { db } = await demoDb();
    expect(await currentEvent(db, (await loadCoop(db))!)).toBeUndefined();
    const event = await saveEvent(db, { name: 'Marché de Noël', place: 'Montreuil', startDay: '2026-12-05', endDay: '2026-12-06', stallFee: 4000 });
    await setCurrentEvent(db, event.id);
    expect(await currentEvent(db, (await loadCoop(db))!)).toMatchObject({ id: event.id, name: 'Marché de Noël', place: 'Montreuil' });
    expect(await currentEvent(db, { currentEventId: 'gone' })).toBeUndefined();
    await setCurrentEvent(db, undefined);
    expect(await currentEvent(db, (await loadCoop(db))!)).toBeUndefined();
  });

  it('refuses an event that ends before it starts, or a stall fee over 100 000 €, saving nothing', async () => {
    const { db } = await demoDb();
    await expect(saveEvent(db, { name: 'Marché de Noël', startDay: '2026-12-05', endDay: '2026-12-04', stallFee: 0 })).rejects.toThrow(/err.endBeforeStart/);
    await expect(saveEvent(db, { name: 'Marché de Noël', startDay: '2026-12-05', endDay: '2026-12-05', stallFee: 10_000_001 })).rejects.toThrow(/err.amountTooBig/);
    expect(await db.events.count()).toBe(0);
  });

  it('tags sales, cancellations, production and counts with the current event, and sums what it brought', async () => {
    const { db, product } = await demoDb();
    const event = await saveEvent(db, { name: 'Marché de Noël', place: 'Montreuil', startDay: '2026-12-05', endDay: '2026-12-06', stallFee: 4000 });
    await setCurrentEvent(db, event.id);
    const coop = (await loadCoop(db))!;
    expect(coop.currentEventId).toBe(event.id);
    const member = (await db.members.orderBy('order').first())!;
    const garland = product('Guirlande wax 1 m');

    const sale = await recordSale(db, coop, { cart: { lines: [cartLine(garland, 3000)] }, payments: [{ method: 'card', amount: 3600 }] });
    const other = await recordSale(db, coop, { cart: { lines: [cartLine(garland, 1000)] }, payments: [{ method: 'card', amount: 1200 }] });
    const cancellation = await cancelSale(db, coop, { saleId: other.id, reason: 'erreur' });
    expect([sale.eventId, other.eventId, cancellation.eventId]).toEqual([event.id, event.id, event.id]);
    await recordProduction(db, { memberId: member.id, productId: garland.id, day: '2026-12-05', quantity: 4000, minutes: 60, eventId: event.id });
    await recordCount(db, { target: { kind: 'product', id: garland.id }, counted: 1000, memberId: member.id, eventId: event.id });
    const count = (await db.stockMovements.where('productId').equals(garland.id).toArray()).find((m) => m.reason === 'count');
    expect(count?.eventId).toBe(event.id);

    expect(await eventSummary(db, event)).toEqual({ sales: 3600, tickets: 2, madeBy: { [member.id]: 4000 }, afterFee: -400 });

    await setCurrentEvent(db, undefined);
    const after = (await loadCoop(db))!;
    expect(after.currentEventId).toBeUndefined();
    const later = await recordSale(db, after, { cart: { lines: [cartLine(garland, 1000)] }, payments: [{ method: 'card', amount: 1200 }] });
    expect(later.eventId).toBeUndefined();
  });
});
