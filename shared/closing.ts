/**
 * The day's closing (Z) as pure arithmetic: from the day's sales and cash
 * movements to the figures printed on the Z, and from days to months and
 * years. No Dexie, no DOM; integer cents throughout.
 *
 * Business day rule: a sale's business day is fixed when it is paid (the
 * co-op's calendar day). Once a Z exists for a day, that day is shut: a sale
 * or cash movement paid afterwards goes to the day after the last Z
 * (`openDayAfter`), so a Z never changes and the next Z picks it up.
 */
import type { CashCountLine, CashMovement, Closing, ClosingCash, ClosingOrders, ClosingTotals } from './schemas/closing';
import type { OrderPayment } from './schemas/order';
import { paymentMethods, type PaymentMethod, type Sale } from './schemas/sale';

/** Euro notes and coins, in cents, largest first (500 € and 200 € notes are not taken at a stall). */
export const DENOMINATIONS = [10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1] as const;

export const TOP_PRODUCTS = 10;

/** 'YYYY-MM-DD' + n calendar days. */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The business day a new sale or movement belongs to, given the day the last Z closed (if any). */
export function openDayAfter(day: string, lastClosedDay: string | undefined): string {
  return lastClosedDay !== undefined && day <= lastClosedDay ? shiftDay(lastClosedDay, 1) : day;
}

/** A count typed by a person: digits only ("3"), empty is 0; anything else (letters, "2,5", "-1") is null. */
export function parseCountQuantity(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  if (!/^\d{1,6}$/.test(trimmed)) return null;
  return Number(trimmed);
}

export function countTotal(lines: readonly CashCountLine[]): number {
  return lines.reduce((sum, l) => sum + l.value * l.quantity, 0);
}

function emptyByMethod(): Record<PaymentMethod, number> {
  return Object.fromEntries(paymentMethods.map((m) => [m, 0])) as Record<PaymentMethod, number>;
}

/** Everything the Z says about sales: cancellations count against the day they are recorded in. */
export function dayTotals(sales: readonly Sale[], categoryOf: (productId: string) => string | undefined): ClosingTotals {
  const byMethod = emptyByMethod();
  const byRate = new Map<number, { rate: number; ht: number; vat: number; ttc: number }>();
  const byCategory = new Map<string, number>();
  const byProduct = new Map<string, { productId: string; name: string; quantity: number; ttc: number }>();
  let ttc = 0;
  let ht = 0;
  let vat = 0;
  let discounts = 0;
  for (const sale of sales) {
    ttc += sale.totals.ttc;
    ht += sale.totals.ht;
    vat += sale.totals.vat;
    for (const p of sale.payments) byMethod[p.method] += p.amount;
    for (const r of sale.totals.byRate) {
      const line = byRate.get(r.rate) ?? { rate: r.rate, ht: 0, vat: 0, ttc: 0 };
      line.ht += r.ht;
      line.vat += r.vat;
      line.ttc += r.ttc;
      byRate.set(r.rate, line);
    }
    for (const l of sale.lines) {
      discounts += l.discount;
      const category = categoryOf(l.productId) ?? '';
      byCategory.set(category, (byCategory.get(category) ?? 0) + l.total);
      const product = byProduct.get(l.productId) ?? { productId: l.productId, name: l.name, quantity: 0, unit: l.unit, ttc: 0 };
      product.quantity += l.quantity;
      product.ttc += l.total;
      byProduct.set(l.productId, product);
    }
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    tickets: sales.filter((s) => s.type === 'sale').length,
    cancellations: sales.filter((s) => s.type === 'cancellation').length,
    ttc,
    ht,
    vat,
    discounts,
    byRate: [...byRate.values()].sort((a, b) => b.rate - a.rate),
    byMethod,
    byCategory: [...byCategory.entries()].map(([category, total]) => ({ category, ttc: total })).sort((a, b) => b.ttc - a.ttc || byName(a.category, b.category)),
    topProducts: [...byProduct.values()].filter((p) => p.quantity !== 0 || p.ttc !== 0).sort((a, b) => b.ttc - a.ttc || byName(a.name, b.name)).slice(0, TOP_PRODUCTS),
  };
}

/** Deposits and balances received for orders, by method (they are not sales: no VAT split, not in the TTC). */
export function orderTotals(payments: readonly OrderPayment[]): ClosingOrders {
  const byMethod = emptyByMethod();
  let deposits = 0;
  let balances = 0;
  for (const p of payments) {
    byMethod[p.method] += p.amount;
    if (p.kind === 'deposit') deposits += p.amount;
    else balances += p.amount;
  }
  return { count: payments.length, deposits, payments: balances, total: deposits + balances, byMethod };
}

/**
 * Cash expected = fund + cash payments of sales (refunds are negative) + cash
 * received for orders + cash in − cash out; difference = counted − expected.
 */
export function cashFigures(
  sales: readonly Sale[],
  movements: readonly CashMovement[],
  count: readonly CashCountLine[],
  orderPayments: readonly OrderPayment[] = [],
): ClosingCash {
  const sum = (kind: CashMovement['kind']) => movements.filter((m) => m.kind === kind).reduce((a, m) => a + m.amount, 0);
  const fund = sum('fund');
  const cashIn = sum('in');
  const cashOut = sum('out');
  const cashSales = sales.reduce((a, s) => a + s.payments.filter((p) => p.method === 'cash').reduce((b, p) => b + p.amount, 0), 0);
  const cashOrders = orderPayments.filter((p) => p.method === 'cash').reduce((a, p) => a + p.amount, 0);
  const expected = fund + cashSales + cashOrders + cashIn - cashOut;
  const lines = count.filter((l) => l.quantity > 0);
  const counted = countTotal(lines);
  return { fund, cashSales, cashOrders, cashIn, cashOut, expected, counted, difference: counted - expected, count: lines };
}

/**
 * The same Z with another count: only the counted figures move (expected
 * comes from the day's records), so the closing screen recounts on every
 * keystroke without reading the database again.
 */
export function withCount(closing: Closing, count: readonly CashCountLine[]): Closing {
  const lines = count.filter((l) => l.quantity > 0);
  const counted = countTotal(lines);
  return { ...closing, cash: { ...closing.cash, counted, difference: counted - closing.cash.expected, count: lines } };
}

export type DayClosingInput = {
  id: string;
  tillId: string;
  number: number;
  businessDay: string;
  at: string;
  countedBy: string;
  memberId?: string | undefined;
  sales: readonly Sale[];
  movements: readonly CashMovement[];
  /** Money received for orders on this till and business day. */
  orderPayments?: readonly OrderPayment[] | undefined;
  count: readonly CashCountLine[];
  /** Total incl. VAT of this till's sales on earlier business days. */
  earlierTotal: number;
  lastJournalHash: string;
  categoryOf: (productId: string) => string | undefined;
};

export function buildDayClosing(input: DayClosingInput): Closing {
  const totals = dayTotals(input.sales, input.categoryOf);
  const tickets = input.sales.map((s) => s.ticketNumber);
  return {
    id: input.id,
    tillId: input.tillId,
    kind: 'day',
    number: input.number,
    businessDay: input.businessDay,
    at: input.at,
    countedBy: input.countedBy,
    ...(input.memberId ? { memberId: input.memberId } : {}),
    firstTicket: tickets.length > 0 ? Math.min(...tickets) : 0,
    lastTicket: tickets.length > 0 ? Math.max(...tickets) : 0,
    totals,
    cash: cashFigures(input.sales, input.movements, input.count, input.orderPayments ?? []),
    orders: orderTotals(input.orderPayments ?? []),
    periodTotal: totals.ttc,
    grandTotal: input.earlierTotal + totals.ttc,
    lastJournalHash: input.lastJournalHash,
  };
}

export type PeriodSummary = {
  /** 'YYYY-MM' or 'YYYY'. */
  period: string;
  days: number;
  tickets: number;
  cancellations: number;
  ttc: number;
  ht: number;
  vat: number;
  byMethod: Record<PaymentMethod, number>;
  byRate: { rate: number; ht: number; vat: number; ttc: number }[];
  /** Deposits and balances received for orders in the period (not in the TTC). */
  orders: ClosingOrders;
  cashDifference: number;
  /** The perpetual total at the end of the period (the last day's). */
  grandTotal: number;
};

/** Monthly ('YYYY-MM') or yearly ('YYYY') closing: the sum of the day closings in it. */
export function periodSummary(closings: readonly Closing[], period: string): PeriodSummary {
  const days = closings.filter((c) => c.kind === 'day' && c.businessDay.startsWith(period)).sort((a, b) => a.number - b.number);
  const byMethod = emptyByMethod();
  const byRate = new Map<number, { rate: number; ht: number; vat: number; ttc: number }>();
  for (const c of days) {
    for (const m of paymentMethods) byMethod[m] += c.totals.byMethod[m];
    for (const r of c.totals.byRate) {
      const line = byRate.get(r.rate) ?? { rate: r.rate, ht: 0, vat: 0, ttc: 0 };
      line.ht += r.ht;
      line.vat += r.vat;
      line.ttc += r.ttc;
      byRate.set(r.rate, line);
    }
  }
  const add = (f: (c: Closing) => number) => days.reduce((a, c) => a + f(c), 0);
  const orders = orderTotals([]);
  for (const c of days) {
    if (!c.orders) continue;
    orders.count += c.orders.count;
    orders.deposits += c.orders.deposits;
    orders.payments += c.orders.payments;
    orders.total += c.orders.total;
    for (const m of paymentMethods) orders.byMethod[m] += c.orders.byMethod[m];
  }
  return {
    period,
    days: days.length,
    tickets: add((c) => c.totals.tickets),
    cancellations: add((c) => c.totals.cancellations),
    ttc: add((c) => c.periodTotal),
    ht: add((c) => c.totals.ht),
    vat: add((c) => c.totals.vat),
    byMethod,
    byRate: [...byRate.values()].sort((a, b) => b.rate - a.rate),
    orders,
    cashDifference: add((c) => c.cash.difference),
    grandTotal: days.at(-1)?.grandTotal ?? 0,
  };
}

/** The last calendar day of a month ('YYYY-MM') or a year ('YYYY'). */
export function periodEnd(period: string): string {
  if (/^\d{4}$/.test(period)) return `${period}-12-31`;
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year ?? 0, month ?? 0, 0, 12)).toISOString().slice(0, 10);
}

export type PeriodClosingInput = {
  id: string;
  tillId: string;
  kind: 'month' | 'year';
  number: number;
  /** 'YYYY-MM' for a month, 'YYYY' for a year. */
  period: string;
  at: string;
  closedBy: string;
  memberId?: string | undefined;
  /** The till's day Zs (others are ignored). */
  closings: readonly Closing[];
  lastJournalHash: string;
};

/**
 * A month's or a year's closing: the sum of the day Zs in it, with the
 * perpetual total of its last Z. Count lines and top products stay empty
 * (a top 10 per day does not add up to a top 10 of the period).
 */
export function buildPeriodClosing(input: PeriodClosingInput): Closing {
  const days = input.closings.filter((c) => c.kind === 'day' && c.businessDay.startsWith(input.period)).sort((a, b) => a.number - b.number);
  const summary = periodSummary(days, input.period);
  const add = (f: (c: Closing) => number) => days.reduce((a, c) => a + f(c), 0);
  const byCategory = new Map<string, number>();
  for (const c of days) for (const cat of c.totals.byCategory) byCategory.set(cat.category, (byCategory.get(cat.category) ?? 0) + cat.ttc);
  const tickets = days.filter((c) => c.lastTicket > 0);
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    id: input.id,
    tillId: input.tillId,
    kind: input.kind,
    number: input.number,
    businessDay: periodEnd(input.period),
    period: input.period,
    days: days.length,
    firstZ: days[0]?.number ?? 0,
    lastZ: days.at(-1)?.number ?? 0,
    at: input.at,
    countedBy: input.closedBy,
    ...(input.memberId ? { memberId: input.memberId } : {}),
    firstTicket: tickets.length > 0 ? Math.min(...tickets.map((c) => c.firstTicket)) : 0,
    lastTicket: tickets.length > 0 ? Math.max(...tickets.map((c) => c.lastTicket)) : 0,
    totals: {
      tickets: summary.tickets,
      cancellations: summary.cancellations,
      ttc: add((c) => c.totals.ttc),
      ht: summary.ht,
      vat: summary.vat,
      discounts: add((c) => c.totals.discounts),
      byRate: summary.byRate,
      byMethod: summary.byMethod,
      byCategory: [...byCategory.entries()].map(([category, ttc]) => ({ category, ttc })).sort((a, b) => b.ttc - a.ttc || byName(a.category, b.category)),
      topProducts: [],
    },
    cash: {
      fund: add((c) => c.cash.fund),
      cashSales: add((c) => c.cash.cashSales),
      cashOrders: add((c) => c.cash.cashOrders ?? 0),
      cashIn: add((c) => c.cash.cashIn),
      cashOut: add((c) => c.cash.cashOut),
      expected: add((c) => c.cash.expected),
      counted: add((c) => c.cash.counted),
      difference: add((c) => c.cash.difference),
      count: [],
    },
    orders: summary.orders,
    periodTotal: summary.ttc,
    grandTotal: summary.grandTotal,
    lastJournalHash: input.lastJournalHash,
  };
}
