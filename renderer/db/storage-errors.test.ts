/**
 * Disk full during a sale (QuotaExceededError): the sale's transaction rolls
 * back whole, the ticket number is not used up, and the error is not a
 * SaleError, so the checkout keeps the cart and shows err.storage ("l'espace
 * de stockage est plein ou refusé ... la vente est toujours à l'écran").
 */
import { Dexie } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { recordSale, SaleError, verifyTillJournal } from './sales';
import { cartLine, demoDb } from './testing';

describe('storage full during a sale', () => {
  it('stores nothing, keeps the numbering, and surfaces a non-SaleError for the till to show', async () => {
    const { db, coop, product } = await demoDb();
    const star = product('Étoile de Noël wax');
    await recordSale(db, coop, { cart: { lines: [cartLine(star, 1000)] }, payments: [{ method: 'card', amount: 600 }] });
    const level = (await db.stockLevels.get(star.id))?.quantity;

    const spy = vi.spyOn(db.journal, 'add').mockImplementationOnce(() => Dexie.Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')));
    const error: unknown = await recordSale(db, coop, { cart: { lines: [cartLine(star, 1000)] }, payments: [{ method: 'card', amount: 600 }] }).catch((e: unknown) => e);
    spy.mockRestore();
    expect(error).not.toBeInstanceOf(SaleError);
    expect((error as { name?: string }).name).toBe('QuotaExceededError');
    expect(await db.sales.count()).toBe(1);
    expect((await db.stockLevels.get(star.id))?.quantity).toBe(level);

    // Space freed: the next sale takes n° 2, no gap, and the journal verifies.
    const next = await recordSale(db, coop, { cart: { lines: [cartLine(star, 1000)] }, payments: [{ method: 'card', amount: 600 }] });
    expect(next.ticketNumber).toBe(2);
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true, entries: 2 });
  });
});
