import { describe, expect, it } from 'vitest';
import { buildDayClosing, cashFigures, countTotal, dayTotals, openDayAfter, orderTotals, parseCountQuantity, periodSummary, shiftDay, withCount } from './closing';
import { formatMonth } from './format';
import { closingSchema, type CashMovement, type OrderPayment, type Sale } from './schemas';

function sale(partial: Partial<Sale> & Pick<Sale, 'ticketNumber' | 'lines' | 'payments' | 'totals'>): Sale {
  return { id: `s${partial.ticketNumber}`, tillId: 't1', type: 'sale', businessDay: '2026-12-05', at: '2026-12-05T10:00:00.000Z', ...partial };
}

const line = (productId: string, name: string, vatRate: number, quantity: number, total: number, discount = 0) => ({
  productId, name, unit: 'piece' as const, quantity, unitPrice: total, vatRate, gross: total + discount, discount, total, makerIds: [],
});

// A jam at 5,5 % and a garland at 20 % with a 2,00 € discount, both by card;
// then a 6,00 € star for cash (tendered 10 €), cancelled.
const day: Sale[] = [
  sale({
    ticketNumber: 1,
    lines: [line('jam', 'Confiture', 550, 1000, 633), line('gar', 'Guirlande', 2000, 1000, 1000, 200)],
    payments: [{ method: 'card', amount: 1633 }],
    totals: { byRate: [{ rate: 2000, ttc: 1000, ht: 833, vat: 167 }, { rate: 550, ttc: 633, ht: 600, vat: 33 }], ttc: 1633, ht: 1433, vat: 200 },
  }),
  sale({
    ticketNumber: 2,
    lines: [line('star', 'Étoile', 2000, 1000, 600)],
    payments: [{ method: 'cash', amount: 600, tendered: 1000, change: 400 }],
    totals: { byRate: [{ rate: 2000, ttc: 600, ht: 500, vat: 100 }], ttc: 600, ht: 500, vat: 100 },
  }),
  sale({
    ticketNumber: 3,
    type: 'cancellation',
    cancelsId: 's2',
    lines: [line('star', 'Étoile', 2000, -1000, -600)],
    payments: [{ method: 'cash', amount: -600 }],
    totals: { byRate: [{ rate: 2000, ttc: -600, ht: -500, vat: -100 }], ttc: -600, ht: -500, vat: -100 },
  }),
];
const categories: Record<string, string> = { jam: 'Épicerie', gar: 'Guirlandes', star: 'Décoration' };

const orderPayment = (method: OrderPayment['method'], amount: number, kind: OrderPayment['kind']): OrderPayment => ({
  id: `op-${method}-${amount}`, orderId: 'o1', kind, method, amount, day: '2026-12-05', tillId: 't1', businessDay: '2026-12-05', at: '2026-12-05T09:00:00.000Z',
});

const movement = (kind: CashMovement['kind'], amount: number): CashMovement => ({
  id: `${kind}${amount}`, tillId: 't1', kind, reason: kind === 'fund' ? 'fund' : 'change', amount, businessDay: '2026-12-05', at: '2026-12-05T08:00:00.000Z',
});

describe('day totals', () => {
  it('adds sales and cancellations by VAT rate, method, category and product', () => {
    const totals = dayTotals(day, (id) => categories[id]);
    expect(totals).toMatchObject({ tickets: 2, cancellations: 1, ttc: 1633, ht: 1433, vat: 200, discounts: 200 });
    expect(totals.byRate).toEqual([
      { rate: 2000, ttc: 1000, ht: 833, vat: 167 },
      { rate: 550, ttc: 633, ht: 600, vat: 33 },
    ]);
    expect(totals.byMethod).toEqual({ cash: 0, card: 1633, cheque: 0, transfer: 0, other: 0 });
    expect(totals.byCategory).toEqual([
      { category: 'Guirlandes', ttc: 1000 },
      { category: 'Épicerie', ttc: 633 },
      { category: 'Décoration', ttc: 0 },
    ]);
    // A product sold and cancelled the same day is not in the top 10.
    expect(totals.topProducts.map((p) => p.productId)).toEqual(['gar', 'jam']);
  });

  it('keeps the ten best products', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      sale({ ticketNumber: i + 1, lines: [line(`p${i}`, `P${i}`, 2000, 1000, 100 * (i + 1))], payments: [{ method: 'card', amount: 100 * (i + 1) }], totals: { byRate: [], ttc: 100 * (i + 1), ht: 0, vat: 0 } }),
    );
    const top = dayTotals(many, () => undefined).topProducts;
    expect(top).toHaveLength(10);
    expect(top[0]?.ttc).toBe(1200);
    expect(top.at(-1)?.ttc).toBe(300);
  });
});

describe('cash', () => {
  it('expects fund + cash sales + in − out and compares with the count', () => {
    const count = [{ value: 5000, quantity: 2 }, { value: 2000, quantity: 5 }, { value: 50, quantity: 1 }, { value: 10, quantity: 0 }];
    expect(countTotal(count)).toBe(20050);
    // 150 € fund + 6 € − 6 € + 80 € in − 30 € out = 200 €; counted 200,50 €.
    const cash = cashFigures(day, [movement('fund', 15000), movement('in', 8000), movement('out', 3000)], count);
    expect(cash).toEqual({ fund: 15000, cashSales: 0, cashOrders: 0, cashIn: 8000, cashOut: 3000, expected: 20000, counted: 20050, difference: 50, count: count.slice(0, 3) });
  });

  it('adds the cash received for orders to the cash expected, and lists order payments by method', () => {
    // DOMAIN.md worked order: a 216,00 € deposit by transfer; another order's 50,00 € deposit and 35,50 € balance in cash.
    const orderPayments = [orderPayment('transfer', 21600, 'deposit'), orderPayment('cash', 5000, 'deposit'), orderPayment('cash', 3550, 'payment')];
    expect(orderTotals(orderPayments)).toEqual({ count: 3, deposits: 26600, payments: 3550, total: 30150, byMethod: { cash: 8550, card: 0, cheque: 0, transfer: 21600, other: 0 } });
    // 150 € fund + 6 € − 6 € sales + 85,50 € orders in cash + 80 € in − 30 € out = 285,50 €.
    const cash = cashFigures(day, [movement('fund', 15000), movement('in', 8000), movement('out', 3000)], [{ value: 5000, quantity: 5 }, { value: 2000, quantity: 1 }, { value: 500, quantity: 1 }, { value: 50, quantity: 1 }], orderPayments);
    expect(cash).toMatchObject({ cashSales: 0, cashOrders: 8550, expected: 28550, counted: 27550, difference: -1000 });
    // The orders are in the Z but not in its sales totals nor in the perpetual total.
    const z = buildDayClosing({ id: 'z1', tillId: 't1', number: 1, businessDay: '2026-12-05', at: '2026-12-05T18:00:00.000Z', countedBy: 'Awa', sales: day, movements: [movement('fund', 15000)], orderPayments, count: [], earlierTotal: 0, lastJournalHash: '0'.repeat(64), categoryOf: () => undefined });
    expect(z.orders).toMatchObject({ count: 3, total: 30150 });
    expect([z.totals.ttc, z.periodTotal, z.grandTotal, z.cash.expected]).toEqual([1633, 1633, 1633, 23550]);
    expect(closingSchema.parse(z)).toEqual(z);
  });

  it('still reads a Z recorded before orders existed (no order fields), with the same figures', () => {
    const old = buildDayClosing({ id: 'z0', tillId: 't1', number: 1, businessDay: '2026-11-05', at: '2026-11-05T18:00:00.000Z', countedBy: 'Awa', sales: day, movements: [], count: [], earlierTotal: 0, lastJournalHash: '0'.repeat(64), categoryOf: () => undefined });
    const { orders: _orders, ...rest } = old;
    const { cashOrders: _cashOrders, ...oldCash } = rest.cash;
    const stored = { ...rest, cash: oldCash };
    expect(closingSchema.parse(stored)).toEqual(stored);
    expect(periodSummary([stored], '2026-11')).toMatchObject({ ttc: 1633, orders: { count: 0, total: 0 } });
  });

  it('reads a typed quantity as digits only', () => {
    expect(parseCountQuantity('3')).toBe(3);
    expect(parseCountQuantity(' ')).toBe(0);
    expect(parseCountQuantity('3a')).toBeNull();
    expect(parseCountQuantity('2,5')).toBeNull();
    expect(parseCountQuantity('-1')).toBeNull();
  });
});

describe('business days and periods', () => {
  it('sends a sale paid after a Z to the day after the last Z', () => {
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(openDayAfter('2026-12-05', undefined)).toBe('2026-12-05');
    expect(openDayAfter('2026-12-05', '2026-12-04')).toBe('2026-12-05');
    expect(openDayAfter('2026-12-05', '2026-12-05')).toBe('2026-12-06');
  });

  it('builds a Z with period and perpetual totals, and a month that sums its days', () => {
    const base = { tillId: 't1', at: '2026-12-05T18:00:00.000Z', countedBy: 'Awa', movements: [], count: [], lastJournalHash: '0'.repeat(64), categoryOf: () => undefined };
    const z1 = buildDayClosing({ ...base, id: 'z1', number: 1, businessDay: '2026-11-30', sales: day, earlierTotal: 10000 });
    const z2 = buildDayClosing({ ...base, id: 'z2', number: 2, businessDay: '2026-12-05', sales: day.slice(0, 1), earlierTotal: z1.grandTotal });
    const z3 = buildDayClosing({ ...base, id: 'z3', number: 3, businessDay: '2026-12-06', sales: day.slice(1), earlierTotal: z2.grandTotal });
    expect([z1.periodTotal, z1.grandTotal, z1.firstTicket, z1.lastTicket]).toEqual([1633, 11633, 1, 3]);
    expect([z2.periodTotal, z2.grandTotal]).toEqual([1633, 13266]);
    expect([z3.periodTotal, z3.grandTotal]).toEqual([0, 13266]);
    const december = periodSummary([z3, z1, z2], '2026-12');
    expect(december).toMatchObject({ days: 2, tickets: 2, cancellations: 1, ttc: 1633, ht: 1433, vat: 200, grandTotal: 13266 });
    expect(periodSummary([z1, z2, z3], '2026')).toMatchObject({ days: 3, ttc: 3266 });
    expect(formatMonth(december.period)).toBe('12/2026');
  });
});

describe('recounting over a built Z', () => {
  it('gives the Z that building with that count gives, only the counted figures moving', () => {
    const base = { id: 'z1', tillId: 't1', number: 1, businessDay: '2026-12-05', at: '2026-12-05T18:00:00.000Z', countedBy: 'Awa', sales: day, movements: [movement('fund', 15000)], earlierTotal: 500, lastJournalHash: '0'.repeat(64), categoryOf: (id: string) => categories[id] };
    const count = [{ value: 10000, quantity: 1 }, { value: 2000, quantity: 2 }, { value: 50, quantity: 0 }, { value: 5, quantity: 3 }];
    const uncounted = buildDayClosing({ ...base, count: [] });
    const recounted = withCount(uncounted, count);
    expect(recounted).toEqual(buildDayClosing({ ...base, count }));
    // 150 € fund + 6 − 6 € cash: 150 € expected; 140,15 € counted.
    expect(recounted.cash).toMatchObject({ expected: 15000, counted: 14015, difference: -985 });
    expect(recounted.cash.count).toHaveLength(3);
    expect(uncounted.cash.counted).toBe(0);
  });
});
