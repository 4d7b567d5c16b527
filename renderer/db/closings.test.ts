import { buildClosingReceipt } from '../../shared/closing-receipt';
import { keyFingerprint } from '../../shared/fingerprint';
import { tillSigner } from './custody';
import { describe, expect, it } from 'vitest';
import { periodSummary } from '../../shared/closing';
import { closablePeriod, closeDay, closePeriod, closingOfDay, closingsOfTill, dayToClose, openBusinessDay, periodClosingsOfTill, previewDayClosing, recordCashMovement } from './closings';
import { cancelSale, recordSale, SaleError, verifyTillJournal } from './sales';
import { cartLine, demoDb } from './testing';
import { orderPaymentSchema, type OrderPayment } from '../../shared/schemas';

const D1 = '2026-12-05';
/** 108,50 €: 50 € + 2 × 20 € + 10 € + 5 € + 2 € + 1 € + 0,50 €. */
const COUNT_10850 = [
  { value: 5000, quantity: 1 },
  { value: 2000, quantity: 2 },
  { value: 1000, quantity: 1 },
  { value: 500, quantity: 1 },
  { value: 200, quantity: 1 },
  { value: 100, quantity: 1 },
  { value: 50, quantity: 1 },
  { value: 20, quantity: 0 },
];

/** Fund 100 €, two garlands cash (24 €), 1,5 m card (18 €), a scrunchie cash (4 €) cancelled, 20 € stall fee out, 5 € change in. */
async function marketDay() {
  const ctx = await demoDb();
  const { db, coop, product } = ctx;
  const at = (time: string) => `${D1}T${time}:00.000Z`;
  await recordCashMovement(db, coop, { kind: 'fund', amount: 10000, at: at('08:00') });
  const s1 = await recordSale(db, coop, { cart: { lines: [cartLine(product('Guirlande wax 1 m'), 2000)] }, payments: [{ method: 'cash', amount: 2400, tendered: 5000 }], at: at('09:00') });
  await recordSale(db, coop, { cart: { lines: [cartLine(product('Guirlande wax au mètre'), 1500)] }, payments: [{ method: 'card', amount: 1800 }], at: at('10:00') });
  const s3 = await recordSale(db, coop, { cart: { lines: [cartLine(product('Chouchou wax'), 1000)] }, payments: [{ method: 'cash', amount: 400 }], at: at('11:00') });
  await cancelSale(db, coop, { saleId: s3.id, reason: 'Erreur', at: at('11:05') });
  await recordCashMovement(db, coop, { kind: 'out', reason: 'stallFee', amount: 2000, at: at('12:00') });
  await recordCashMovement(db, coop, { kind: 'in', reason: 'change', amount: 500, at: at('13:00') });
  return { ...ctx, s1 };
}

describe('closing the day (Z)', () => {
  it('adds up the day: tickets, cancellations, VAT, methods, categories, products, cash expected vs counted', async () => {
    const { db, coop } = await marketDay();
    const z = await closeDay(db, coop, { day: D1, count: COUNT_10850, countedBy: 'Awa', at: `${D1}T18:00:00.000Z` });
    expect(z).toMatchObject({ number: 1, businessDay: D1, countedBy: 'Awa', firstTicket: 1, lastTicket: 4, periodTotal: 4200, grandTotal: 4200 });
    expect(z.totals).toMatchObject({ tickets: 3, cancellations: 1, ttc: 4200, ht: 3500, vat: 700, discounts: 0 });
    expect(z.totals.byRate).toEqual([{ rate: 2000, ht: 3500, vat: 700, ttc: 4200 }]);
    expect(z.totals.byMethod).toEqual({ cash: 2400, card: 1800, cheque: 0, transfer: 0, other: 0 });
    expect(z.totals.byCategory).toEqual([
      { category: 'Guirlandes', ttc: 4200 },
      { category: 'Accessoires', ttc: 0 },
    ]);
    expect(z.totals.topProducts.map((p) => [p.name, p.quantity, p.ttc])).toEqual([
      ['Guirlande wax 1 m', 2000, 2400],
      ['Guirlande wax au mètre', 1500, 1800],
    ]);
    // 100 + 24 + 4 − 4 + 5 − 20 = 109,00 € expected; 108,50 € counted.
    expect(z.cash).toMatchObject({ fund: 10000, cashSales: 2400, cashIn: 500, cashOut: 2000, expected: 10900, counted: 10850, difference: -50 });
    expect(z.cash.count).toHaveLength(7);
    // Z totals are the sum of the day's sales.
    const sales = await db.sales.where('businessDay').equals(D1).toArray();
    expect(z.periodTotal).toBe(sales.reduce((a, s) => a + s.totals.ttc, 0));
  });

  it('journals the fund, movements and the Z; the chain verifies and a changed Z is caught', async () => {
    const { db, coop } = await marketDay();
    const z = await closeDay(db, coop, { day: D1, count: COUNT_10850, countedBy: 'Awa' });
    const journal = await db.journal.toArray();
    // The till's first signer (the key the Z prints) is journalled just before the Z.
    expect(journal.map((e) => e.type)).toEqual(['cash', 'sale', 'sale', 'sale', 'cancellation', 'cash', 'cash', 'key', 'closing']);
    expect(z.lastJournalHash).toBe(journal.at(-2)?.hash);
    const key = await db.keyChanges.get(journal.at(-2)?.recordId ?? '');
    expect(z.keyFingerprint).toBe(keyFingerprint(key?.newPublicKey ?? ''));
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true, entries: 9 });

    await db.closings.update(z.id, { periodTotal: 1 });
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: false, problem: { kind: 'digest', seq: 9 } });
  });

  it('refuses a second Z for the same day (the first stays) and a Z for an earlier day', async () => {
    const { db, coop } = await marketDay();
    const first = await closeDay(db, coop, { day: D1, count: COUNT_10850, countedBy: 'Awa' });
    await expect(closeDay(db, coop, { day: D1, count: [], countedBy: 'Awa' })).rejects.toMatchObject({ key: 'closing.err.alreadyClosed' });
    await expect(closeDay(db, coop, { day: '2026-12-04', count: [], countedBy: 'Awa' })).rejects.toMatchObject({ key: 'closing.err.beforeLast' });
    expect(await closingsOfTill(db, coop.tillId)).toEqual([first]);
    await expect(closeDay(db, coop, { day: '2026-12-06', count: [], countedBy: '  ' })).rejects.toBeInstanceOf(SaleError);
  });

  it('refuses a second fund for the day and a movement without an amount', async () => {
    const { db, coop } = await marketDay();
    await expect(recordCashMovement(db, coop, { kind: 'fund', amount: 5000, at: `${D1}T14:00:00.000Z` })).rejects.toMatchObject({ key: 'closing.err.fundTwice' });
    await expect(recordCashMovement(db, coop, { kind: 'out', reason: 'change', amount: 0 })).rejects.toBeInstanceOf(SaleError);
    await expect(recordCashMovement(db, coop, { kind: 'out', reason: 'other', amount: 100 })).rejects.toMatchObject({ key: 'closing.err.noteRequired' });
  });

  it('puts a sale paid after the Z into the next closing; the perpetual total runs across three days with cancellations', async () => {
    const { db, coop, product, s1 } = await marketDay();
    await closeDay(db, coop, { day: D1, count: COUNT_10850, countedBy: 'Awa', at: `${D1}T18:00:00.000Z` });
    const trousse = product('Trousse wax');
    const late = await recordSale(db, coop, { cart: { lines: [cartLine(trousse, 1000)] }, payments: [{ method: 'card', amount: 1200 }], at: `${D1}T18:30:00.000Z` });
    expect(late.businessDay).toBe('2026-12-06');
    expect(await openBusinessDay(db, coop, `${D1}T19:00:00.000Z`)).toBe('2026-12-06');
    // The Z of day 1 did not move.
    expect((await closingOfDay(db, coop.tillId, D1))?.periodTotal).toBe(4200);

    const z2 = await closeDay(db, coop, { day: '2026-12-06', count: [], countedBy: 'Awa' });
    expect(z2).toMatchObject({ number: 2, periodTotal: 1200, grandTotal: 5400 });

    // Day 3: a sale and the cancellation of day 1's first ticket.
    await recordSale(db, coop, { cart: { lines: [cartLine(trousse, 1000)] }, payments: [{ method: 'cash', amount: 1200 }], at: '2026-12-07T10:00:00.000Z' });
    await cancelSale(db, coop, { saleId: s1.id, reason: 'Retour', at: '2026-12-07T11:00:00.000Z' });
    const preview = await previewDayClosing(db, coop, { day: '2026-12-07', count: [] });
    const z3 = await closeDay(db, coop, { day: '2026-12-07', count: [{ value: 1000, quantity: 1 }], countedBy: 'Awa' });
    expect(preview).toMatchObject({ number: 3, periodTotal: -1200, grandTotal: 4200 });
    expect(z3).toMatchObject({ number: 3, periodTotal: -1200, grandTotal: 4200 });
    expect(z3.cash).toMatchObject({ fund: 0, cashSales: -1200, expected: -1200, counted: 1000, difference: 2200 });

    // The month is the sum of its days and ends on the perpetual total.
    const month = periodSummary(await closingsOfTill(db, coop.tillId), '2026-12');
    expect(month).toMatchObject({ days: 3, tickets: 5, cancellations: 2, ttc: 4200, ht: 3500, vat: 700, grandTotal: 4200 });
    expect(month.byMethod).toMatchObject({ cash: 1200, card: 3000 });
    expect(periodSummary(await closingsOfTill(db, coop.tillId), '2026').ttc).toBe(4200);
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true });
  });

  it('offers to close a market day left unclosed before today, then today', async () => {
    const { db, coop } = await marketDay();
    const now = '2026-12-12T10:00:00.000Z';
    expect(await dayToClose(db, coop, now)).toBe(D1);
    await closeDay(db, coop, { day: D1, count: [], countedBy: 'Awa' });
    expect(await dayToClose(db, coop, now)).toBe('2026-12-12');
  });

  it('counts order payments taken at the till in the Z: an orders block by method and the cash ones in the cash expected', async () => {
    const { db, coop } = await marketDay();
    // The orders feature writes these with their journal entry; here the rows alone are enough for the Z.
    const pay = (id: string, method: OrderPayment['method'], amount: number, kind: OrderPayment['kind'], businessDay = D1) =>
      orderPaymentSchema.parse({ id, orderId: 'order-1', kind, method, amount, day: businessDay, tillId: coop.tillId, businessDay, at: `${businessDay}T15:00:00.000Z` });
    await db.orderPayments.bulkAdd([
      pay('op1', 'transfer', 21600, 'deposit'),
      pay('op2', 'cash', 5040, 'payment'),
      pay('op3', 'cash', 9999, 'payment', '2026-12-06'),
      { ...pay('op4', 'cash', 7777, 'deposit'), tillId: 'another-till' },
    ]);
    const z = await closeDay(db, coop, { day: D1, count: COUNT_10850, countedBy: 'Awa' });
    expect(z.orders).toEqual({ count: 2, deposits: 21600, payments: 5040, total: 26640, byMethod: { cash: 5040, card: 0, cheque: 0, transfer: 21600, other: 0 } });
    // 100 + 24 + 4 − 4 sales + 50,40 orders + 5 in − 20 out = 159,40 € expected; 108,50 € counted.
    expect(z.cash).toMatchObject({ cashSales: 2400, cashOrders: 5040, expected: 15940, counted: 10850, difference: -5090 });
    // Orders are not sales: the Z's TTC and perpetual total are unchanged.
    expect([z.totals.ttc, z.periodTotal, z.grandTotal]).toEqual([4200, 4200, 4200]);
    // The next day holds only an order payment: it is offered for closing.
    expect(await dayToClose(db, coop, '2026-12-12T10:00:00.000Z')).toBe('2026-12-06');
    const month = periodSummary(await closingsOfTill(db, coop.tillId), '2026-12');
    expect(month.orders.total).toBe(26640);
  });

  it('records month and year closings as journalled sums of their day Zs, in their own series, refused while a day in them is unclosed', async () => {
    const { db, coop, product } = await demoDb();
    const garland = product('Guirlande wax 1 m');
    const sell = (at: string, method: 'cash' | 'card' = 'card', quantity = 1000) =>
      recordSale(db, coop, { cart: { lines: [cartLine(garland, quantity)] }, payments: [{ method, amount: (1200 * quantity) / 1000 }], at });
    const z = (day: string) => closeDay(db, coop, { day, count: [], countedBy: 'Awa', at: `${day}T18:00:00.000Z` });
    const close = (kind: 'month' | 'year', period: string, at: string) => closePeriod(db, coop, { kind, period, closedBy: 'Awa', at });

    await sell('2026-11-20T10:00:00.000Z', 'cash', 2000);
    await z('2026-11-20');
    await sell('2026-11-27T10:00:00.000Z');
    await z('2026-11-27');
    // Not over yet on 28 November.
    await expect(close('month', '2026-11', '2026-11-28T10:00:00.000Z')).rejects.toMatchObject({ key: 'closing.err.periodNotOver' });
    await sell('2026-11-30T10:00:00.000Z');
    // 30 November has a sale but no Z yet.
    await expect(close('month', '2026-11', '2026-12-02T09:00:00.000Z')).rejects.toMatchObject({ key: 'closing.err.periodOpenDays' });
    expect(await closablePeriod(db, coop, 'month', '2026-12-02T09:00:00.000Z')).toBe('2026-11');
    const z3 = await z('2026-11-30');

    const m1 = await close('month', '2026-11', '2026-12-02T09:00:00.000Z');
    // 24 + 12 + 12 = 48,00 €; the perpetual total is the last Z's; the month closing ends on 30/11, beside that day's Z.
    expect(m1).toMatchObject({ kind: 'month', number: 1, period: '2026-11', businessDay: '2026-11-30', days: 3, firstZ: 1, lastZ: 3, firstTicket: 1, lastTicket: 3, periodTotal: 4800, grandTotal: z3.grandTotal });
    expect(m1.totals).toMatchObject({ tickets: 3, cancellations: 0, ttc: 4800, ht: 4000, vat: 800, byMethod: { cash: 2400, card: 2400 }, topProducts: [] });
    expect(m1.cash).toMatchObject({ cashSales: 2400, count: [] });
    await expect(close('month', '2026-11', '2026-12-02T10:00:00.000Z')).rejects.toMatchObject({ key: 'closing.err.periodClosed' });
    expect(await closablePeriod(db, coop, 'month', '2026-12-02T10:00:00.000Z')).toBeUndefined();
    expect(await closingOfDay(db, coop.tillId, '2026-11-30')).toMatchObject({ kind: 'day', number: 3 });

    // December: one market day; the day Zs keep their own numbers.
    await sell('2026-12-05T10:00:00.000Z');
    const z4 = await z('2026-12-05');
    expect(z4.number).toBe(4);
    await expect(close('year', '2026', '2026-12-20T10:00:00.000Z')).rejects.toMatchObject({ key: 'closing.err.periodNotOver' });
    await expect(close('year', '2026', '2027-01-04T10:00:00.000Z')).rejects.toMatchObject({ key: 'closing.err.monthsOpen' });
    const m2 = await close('month', '2026-12', '2027-01-04T10:00:00.000Z');
    expect(m2).toMatchObject({ number: 2, periodTotal: 1200, grandTotal: 6000 });
    expect(await closablePeriod(db, coop, 'year', '2027-01-04T11:00:00.000Z')).toBe('2026');
    const y1 = await close('year', '2026', '2027-01-04T11:00:00.000Z');
    // The year is the sum of its four day Zs (= the sum of its months), ending on the perpetual total.
    expect(y1).toMatchObject({ kind: 'year', number: 1, period: '2026', businessDay: '2026-12-31', days: 4, periodTotal: 6000, grandTotal: 6000 });
    expect(y1.periodTotal).toBe(m1.periodTotal + m2.periodTotal);
    expect(y1.totals.byRate).toEqual([{ rate: 2000, ht: 5000, vat: 1000, ttc: 6000 }]);
    // Month and year closings print the till's key fingerprint like the day Zs.
    const { fingerprint } = await tillSigner(db, coop.tillId);
    for (const c of [z3, m1, m2, y1]) expect(c.keyFingerprint).toBe(fingerprint);
    const yearPaper = buildClosingReceipt(y1, coop).blocks.flatMap((block) => ('text' in block ? [block.text] : []));
    expect(yearPaper.slice(-2)).toEqual(['Clé de la caisse (empreinte)', fingerprint]);

    // Sales and day Zs go on as before: the next Z is n° 5, a sale after it goes to the next day.
    await sell('2027-01-04T12:00:00.000Z');
    expect((await z('2027-01-04')).number).toBe(5);
    expect((await sell('2027-01-04T19:00:00.000Z')).businessDay).toBe('2027-01-05');
    expect((await closingsOfTill(db, coop.tillId)).map((c) => c.number)).toEqual([5, 4, 3, 2, 1]);
    expect((await periodClosingsOfTill(db, coop.tillId)).map((c) => `${c.kind} ${c.number} ${c.period}`)).toEqual(['year 1 2026', 'month 2 2026-12', 'month 1 2026-11']);
    expect(periodSummary(await db.closings.toArray(), '2026')).toMatchObject({ days: 4, ttc: 6000 });
    const journal = await db.journal.toArray();
    expect(journal.filter((e) => e.type === 'closing')).toHaveLength(8);
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true });
  });

  it('refuses to close a month without any Z, or a later month before an earlier one', async () => {
    const { db, coop, product } = await demoDb();
    await expect(closePeriod(db, coop, { kind: 'month', period: '2026-10', closedBy: 'Awa', at: '2026-12-02T09:00:00.000Z' })).rejects.toMatchObject({ key: 'closing.err.periodEmpty' });
    await expect(closePeriod(db, coop, { kind: 'month', period: '2026-13', closedBy: 'Awa' })).rejects.toMatchObject({ key: 'closing.err.period' });
    await recordSale(db, coop, { cart: { lines: [cartLine(product('Trousse wax'), 1000)] }, payments: [{ method: 'card', amount: 1200 }], at: '2026-10-10T10:00:00.000Z' });
    await closeDay(db, coop, { day: '2026-10-10', count: [], countedBy: 'Awa' });
    await recordSale(db, coop, { cart: { lines: [cartLine(product('Trousse wax'), 1000)] }, payments: [{ method: 'card', amount: 1200 }], at: '2026-11-10T10:00:00.000Z' });
    await closeDay(db, coop, { day: '2026-11-10', count: [], countedBy: 'Awa' });
    await expect(closePeriod(db, coop, { kind: 'month', period: '2026-11', closedBy: 'Awa', at: '2026-12-02T09:00:00.000Z' })).rejects.toMatchObject({ key: 'closing.err.earlierPeriodOpen' });
    expect(await closablePeriod(db, coop, 'month', '2026-12-02T09:00:00.000Z')).toBe('2026-10');
    expect(await periodClosingsOfTill(db, coop.tillId)).toEqual([]);
  });
});
