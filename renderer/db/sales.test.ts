import { describe, expect, it, vi } from 'vitest';
import { lineFromProduct } from '../../shared/cart';
import { cancelSale, recordSale, salesOfDay, SaleError, summarizeDay, verifyTillJournal } from './sales';
import { cartLine, demoDb } from './testing';

async function workedTicket() {
  const ctx = await demoDb();
  const garland = ctx.product('Guirlande wax 1 m');
  const metre = ctx.product('Guirlande wax au mètre');
  return { ...ctx, garland, metre, lines: [cartLine(garland, 2000), cartLine(metre, 1500)] };
}

describe('recording a sale', () => {
  it('numbers tickets gaplessly, snapshots lines, takes stock and chains the journal', async () => {
    const { db, coop, garland, metre, lines } = await workedTicket();
    const sale = await recordSale(db, coop, {
      cart: { lines },
      payments: [{ method: 'cash', amount: 4200, tendered: 5000 }],
      at: '2026-12-05T15:30:00.000Z',
    });
    expect(sale.ticketNumber).toBe(1);
    expect(sale.businessDay).toBe('2026-12-05');
    expect(sale.payments).toEqual([{ method: 'cash', amount: 4200, tendered: 5000, change: 800 }]);
    expect(sale.totals).toMatchObject({ ttc: 4200, ht: 3500, vat: 700 });
    expect(sale.lines[1]).toMatchObject({ name: 'Guirlande wax au mètre', quantity: 1500, unitPrice: 1200, total: 1800 });
    expect(sale.lines[0]?.makerIds).toEqual(garland.makerIds);

    // The snapshot survives a later price change.
    await db.products.update(garland.id, { price: 9900 });
    expect((await db.sales.get(sale.id))?.lines[0]?.unitPrice).toBe(1200);

    expect((await db.stockLevels.get(garland.id))?.quantity).toBe(18000);
    expect((await db.stockLevels.get(metre.id))?.quantity).toBe(38500);

    const second = await recordSale(db, coop, { cart: { lines: [cartLine(garland, 1000)] }, payments: [{ method: 'card', amount: 1200 }] });
    expect(second.ticketNumber).toBe(2);
    const journal = await db.journal.toArray();
    expect(journal.map((e) => e.seq)).toEqual([1, 2]);
    expect(journal[1]?.prevHash).toBe(journal[0]?.hash);
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true, entries: 2 });
  });

  it('lets stock go negative rather than block a sale', async () => {
    const { db, coop, product } = await demoDb();
    const bag = product('Sac cabas wax'); // 12 in stock
    await recordSale(db, coop, { cart: { lines: [cartLine(bag, 13000)] }, payments: [{ method: 'card', amount: 32500 }] });
    expect((await db.stockLevels.get(bag.id))?.quantity).toBe(-1000);
  });

  it('takes stock once per line when the same product is on two lines, and puts it all back on cancellation', async () => {
    const { db, coop, product } = await demoDb();
    const metre = product('Guirlande wax au mètre'); // 40 m in stock
    const scarf = product('Bandeau wax'); // stock not tracked
    const discounted = { ...cartLine(metre, 2000), key: 'discounted', discount: { kind: 'percent' as const, value: 1000 } };
    const sale = await recordSale(db, coop, {
      cart: { lines: [cartLine(metre, 3000), discounted, cartLine(scarf, 1000)] },
      payments: [{ method: 'card', amount: 3600 + 2160 + 1000 }],
    });
    expect((await db.stockLevels.get(metre.id))?.quantity).toBe(35000);
    expect(await db.stockLevels.get(scarf.id)).toBeUndefined();
    expect(await db.stockMovements.where('refId').equals(sale.id).count()).toBe(2);
    await cancelSale(db, coop, { saleId: sale.id, reason: 'Erreur' });
    expect((await db.stockLevels.get(metre.id))?.quantity).toBe(40000);
  });

  it('refuses payments that do not match the total, and stores nothing', async () => {
    const { db, coop, lines } = await workedTicket();
    await expect(
      recordSale(db, coop, { cart: { lines }, payments: [{ method: 'cash', amount: 4000, tendered: 5000 }] }),
    ).rejects.toThrow(SaleError);
    await expect(recordSale(db, coop, { cart: { lines }, payments: [{ method: 'cash', amount: 4200, tendered: 2000 }] })).rejects.toMatchObject({
      key: 'err.tenderedTooLow',
    });
    expect(await db.sales.count()).toBe(0);
    expect(await db.journal.count()).toBe(0);
  });

  it('accepts split payments across methods', async () => {
    const { db, coop, lines } = await workedTicket();
    const sale = await recordSale(db, coop, {
      cart: { lines },
      payments: [
        { method: 'card', amount: 3000 },
        { method: 'cash', amount: 1200, tendered: 2000 },
      ],
    });
    expect(sale.payments[1]).toEqual({ method: 'cash', amount: 1200, tendered: 2000, change: 800 });
  });

  it('rolls everything back when the transaction fails half-way', async () => {
    const { db, coop, lines } = await workedTicket();
    // The journal write fails after the number was taken and the sale written.
    const stockBefore = await db.stockLevels.toArray();
    vi.spyOn(db.journal, 'add').mockRejectedValueOnce(new Error('disk full'));
    await expect(recordSale(db, coop, { cart: { lines }, payments: [{ method: 'card', amount: 4200 }] })).rejects.toThrow('disk full');
    expect(await db.sales.count()).toBe(0);
    expect(await db.counters.count()).toBe(0);
    expect(await db.stockLevels.toArray()).toEqual(stockBefore);
    const next = await recordSale(db, coop, { cart: { lines }, payments: [{ method: 'card', amount: 4200 }] });
    expect(next.ticketNumber).toBe(1);
  });

  it('keeps numbers gapless under concurrent payments', async () => {
    const { db, coop, garland } = await workedTicket();
    const sales = await Promise.all(
      Array.from({ length: 20 }, () =>
        recordSale(db, coop, { cart: { lines: [lineFromProduct(garland, 1000, 'k')] }, payments: [{ method: 'card', amount: 1200 }] }),
      ),
    );
    expect(sales.map((s) => s.ticketNumber).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true, entries: 20 });
  });
});

describe('cancelling a sale', () => {
  it('records a negated sale with a reason, restores stock and journals it', async () => {
    const { db, coop, garland, lines } = await workedTicket();
    const sale = await recordSale(db, coop, {
      cart: { lines, discount: { kind: 'percent', value: 1000 } },
      payments: [{ method: 'card', amount: 2000 }, { method: 'cash', amount: 1780 }],
      at: '2026-12-05T15:30:00.000Z',
    });
    const cancel = await cancelSale(db, coop, { saleId: sale.id, reason: 'Erreur de saisie', at: '2026-12-05T15:40:00.000Z' });
    expect(cancel).toMatchObject({ type: 'cancellation', cancelsId: sale.id, ticketNumber: 2, reason: 'Erreur de saisie' });
    expect(cancel.payments).toEqual([{ method: 'card', amount: -2000 }, { method: 'cash', amount: -1780 }]);
    expect(cancel.totals.ttc).toBe(-sale.totals.ttc);
    expect(cancel.totals.byRate).toEqual(sale.totals.byRate.map((r) => ({ rate: r.rate, ttc: -r.ttc, ht: -r.ht, vat: -r.vat })));
    expect(cancel.lines.map((l) => l.quantity)).toEqual([-2000, -1500]);
    expect((await db.stockLevels.get(garland.id))?.quantity).toBe(20000);
    // The original is untouched.
    expect(await db.sales.get(sale.id)).toEqual(sale);

    const day = await salesOfDay(db, '2026-12-05');
    expect(summarizeDay(day)).toMatchObject({ count: 1, cancellations: 1, total: 0, byMethod: { cash: 0, card: 0 } });
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true, entries: 2 });
  });

  it('refuses a second cancellation, cancelling a cancellation, and an empty reason', async () => {
    const { db, coop, lines } = await workedTicket();
    const sale = await recordSale(db, coop, { cart: { lines }, payments: [{ method: 'card', amount: 4200 }] });
    await expect(cancelSale(db, coop, { saleId: sale.id, reason: '  ' })).rejects.toMatchObject({ key: 'err.reasonRequired' });
    const cancel = await cancelSale(db, coop, { saleId: sale.id, reason: 'Retour' });
    await expect(cancelSale(db, coop, { saleId: sale.id, reason: 'Retour' })).rejects.toMatchObject({ key: 'err.alreadyCancelled' });
    await expect(cancelSale(db, coop, { saleId: cancel.id, reason: 'x' })).rejects.toMatchObject({ key: 'err.cannotCancelCancellation' });
    expect(await db.sales.count()).toBe(2);
  });
});

describe('journal verification on the stored data', () => {
  async function threeSales() {
    const { db, coop, lines } = await workedTicket();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push((await recordSale(db, coop, { cart: { lines }, payments: [{ method: 'card', amount: 4200 }] })).id);
    }
    return { db, coop, ids };
  }

  it('names the sale whose amount was edited', async () => {
    const { db, coop, ids } = await threeSales();
    const edited = await db.sales.get(ids[1] ?? '');
    if (!edited) throw new Error('missing');
    await db.sales.put({ ...edited, totals: { ...edited.totals, ttc: 100 } });
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: false, problem: { kind: 'digest', seq: 2, recordId: ids[1] } });
  });

  it('detects a deleted journal entry and a deleted sale', async () => {
    const { db, coop } = await threeSales();
    await db.journal.delete([coop.tillId, 2]);
    expect((await verifyTillJournal(db, coop.tillId)).problem).toEqual({ kind: 'gap', seq: 3, expectedSeq: 2 });

    const other = await threeSales();
    await other.db.sales.delete(other.ids[0] ?? '');
    expect((await verifyTillJournal(other.db, other.coop.tillId)).problem).toMatchObject({ kind: 'missing-record', seq: 1 });
  });

  it('detects reordered entries', async () => {
    const { db, coop } = await threeSales();
    const [a, b] = await db.journal.bulkGet([[coop.tillId, 1], [coop.tillId, 2]]);
    if (!a || !b) throw new Error('missing');
    await db.journal.bulkPut([{ ...b, seq: 1 }, { ...a, seq: 2 }]);
    expect((await verifyTillJournal(db, coop.tillId)).problem).toEqual({ kind: 'chain', seq: 1 });
  });
});
