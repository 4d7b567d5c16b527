/**
 * Recording and cancelling sales: the one place a ticket number is taken.
 *
 * Everything legal about a sale happens in ONE read-write transaction (ticket
 * number, sale snapshot, stock, journal entry): if the laptop dies half-way,
 * IndexedDB rolls it all back, and a sale is never stored without its entry.
 * Nothing inside awaits anything but Dexie (hashing is synchronous), because
 * IndexedDB commits a transaction as soon as it has no pending request.
 */
import { JOURNALLED_TABLES } from '../../shared/backup';
import { Dexie } from 'dexie';
import { priceCart, type Cart } from '../../shared/cart';
import { nextEntry, verifyJournal, type JournalReport } from '../../shared/journal';
import { openDayAfter } from '../../shared/closing';
import { businessDay } from '../../shared/format';
import { saleSchema, type Closing, type Coop, type JournalEntry, type Payment, type Sale, type StockMovement } from '../../shared/schemas';
import { withoutForeign } from './anchors';
import { newId, nowIso, ticketCounterKey, type EtalDb } from './db';

export class SaleError extends Error {
  constructor(
    /** i18n key of the sentence shown to the user. */
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export type PaymentInput = { method: Payment['method']; amount: number; tendered?: number };

/** Checks payments cover the total exactly and fills in cash change. */
export function settlePayments(total: number, payments: readonly PaymentInput[]): Payment[] {
  if (payments.length === 0) throw new SaleError('err.noPayment');
  const settled = payments.map((p): Payment => {
    if (!Number.isSafeInteger(p.amount) || p.amount <= 0) throw new SaleError('err.paymentAmount');
    if (p.method !== 'cash' || p.tendered === undefined) return { method: p.method, amount: p.amount };
    if (!Number.isSafeInteger(p.tendered) || p.tendered < p.amount) throw new SaleError('err.tenderedTooLow');
    return { method: 'cash', amount: p.amount, tendered: p.tendered, change: p.tendered - p.amount };
  });
  const paid = settled.reduce((a, p) => a + p.amount, 0);
  if (paid !== total) throw new SaleError('err.paymentMismatch', { paid, total });
  return settled;
}

export async function lastJournalEntry(db: EtalDb, tillId: string): Promise<JournalEntry | undefined> {
  return db.journal.where('[tillId+seq]').between([tillId, Dexie.minKey], [tillId, Dexie.maxKey]).last();
}

/** This till's latest day closing (Z), if any. */
export async function lastClosing(db: EtalDb, tillId: string): Promise<Closing | undefined> {
  // Day Zs only: month and year closings have their own number series.
  return db.closings.where('[tillId+kind+number]').between([tillId, 'day', Dexie.minKey], [tillId, 'day', Dexie.maxKey]).last();
}

/**
 * Writes the movements and the levels they change, starting from `levels`
 * (read up front with the sale's other reads; a product outside it is read
 * here). A product on two lines adds up in `levels`.
 */
async function applyStock(db: EtalDb, movements: StockMovement[], levels: Map<string, number>): Promise<void> {
  for (const movement of movements) {
    const current = levels.get(movement.productId) ?? (await db.stockLevels.get(movement.productId))?.quantity ?? 0;
    const quantity = current + movement.delta;
    levels.set(movement.productId, quantity);
    await db.stockMovements.add(movement);
    await db.stockLevels.put({ productId: movement.productId, quantity });
  }
}

const saleTables = (db: EtalDb) => [db.sales, db.journal, db.counters, db.stockLevels, db.stockMovements, db.products, db.closings];

/** Stores a sale (or cancellation) with its number, stock and journal entry, all or nothing. */
async function commitSale(
  db: EtalDb,
  coop: Coop,
  draft: Omit<Sale, 'ticketNumber'>,
  stockFor: (draft: Omit<Sale, 'ticketNumber'>) => Promise<StockMovement[]>,
): Promise<Sale> {
  return db.transaction('rw', saleTables(db), async () => {
    const key = ticketCounterKey(coop.tillId);
    // These reads do not depend on each other: sent together, their round
    // trips to the browser's storage process overlap (about 1.1 ms instead of
    // 1.7 ms in Chromium), and round trips, not JS, are most of what a sale
    // costs (`npm run bench`). A movement's product is one of the lines'.
    const productIds = [...new Set(draft.lines.map((l) => l.productId))];
    const [counter, last, movements, levelRecords, closed] = await Promise.all([
      db.counters.get(key),
      lastJournalEntry(db, coop.tillId),
      stockFor(draft),
      db.stockLevels.bulkGet(productIds),
      lastClosing(db, coop.tillId),
    ]);
    const levels = new Map(productIds.map((id, i) => [id, levelRecords[i]?.quantity ?? 0]));
    const ticketNumber = (counter?.value ?? 0) + 1;
    // A day with a Z is shut: a sale paid after it goes to the next closing.
    const sale = saleSchema.parse({ ...draft, businessDay: openDayAfter(draft.businessDay, closed?.businessDay), ticketNumber });
    const entry = nextEntry(last, {
      tillId: coop.tillId,
      type: sale.type,
      recordId: sale.id,
      at: sale.at,
      record: sale,
    });
    await db.sales.add(sale);
    await db.journal.add(entry);
    await db.counters.put({ key, value: ticketNumber });
    await applyStock(db, movements, levels);
    return sale;
  });
}

export async function recordSale(
  db: EtalDb,
  coop: Coop,
  input: { cart: Cart; payments: readonly PaymentInput[]; memberId?: string; at?: string },
): Promise<Sale> {
  if (input.cart.lines.length === 0) throw new SaleError('err.emptyCart');
  if (input.cart.lines.some((l) => !Number.isSafeInteger(l.quantity) || l.quantity <= 0)) {
    throw new SaleError('err.quantity');
  }
  const priced = priceCart(input.cart);
  const payments = settlePayments(priced.totals.ttc, input.payments);
  const at = input.at ?? nowIso();
  const draft: Omit<Sale, 'ticketNumber'> = {
    id: newId(),
    tillId: coop.tillId,
    type: 'sale',
    businessDay: businessDay(at, coop.timeZone),
    at,
    ...(input.memberId ? { memberId: input.memberId } : {}),
    ...(coop.currentEventId ? { eventId: coop.currentEventId } : {}),
    lines: priced.lines,
    ...(input.cart.discountReason ? { discountReason: input.cart.discountReason } : {}),
    payments,
    totals: priced.totals,
  };
  return commitSale(db, coop, draft, async (sale) => {
    const products = await db.products.bulkGet(sale.lines.map((l) => l.productId));
    return sale.lines.flatMap((line, i): StockMovement[] =>
      products[i]?.trackStock
        ? [{ id: newId(), productId: line.productId, delta: -line.quantity, reason: 'sale', refId: sale.id, at: sale.at }]
        : [],
    );
  });
}

/** The cancellation of a sale, if any. */
export async function cancellationOf(db: EtalDb, saleId: string): Promise<Sale | undefined> {
  return db.sales.where('cancelsId').equals(saleId).first();
}

/**
 * Records a cancelling sale: same lines and payment methods, negated, with a
 * reason. The original stays untouched; stock taken by it is put back.
 */
export async function cancelSale(
  db: EtalDb,
  coop: Coop,
  input: { saleId: string; reason: string; memberId?: string; at?: string },
): Promise<Sale> {
  const reason = input.reason.trim();
  if (!reason) throw new SaleError('err.reasonRequired');
  const at = input.at ?? nowIso();
  return db.transaction('rw', saleTables(db), async () => {
    const original = await db.sales.get(input.saleId);
    if (!original || original.tillId !== coop.tillId) throw new SaleError('err.saleNotFound');
    if (original.type === 'cancellation') throw new SaleError('err.cannotCancelCancellation');
    if (await cancellationOf(db, original.id)) throw new SaleError('err.alreadyCancelled');
    const draft: Omit<Sale, 'ticketNumber'> = {
      id: newId(),
      tillId: coop.tillId,
      type: 'cancellation',
      cancelsId: original.id,
      reason,
      businessDay: businessDay(at, coop.timeZone),
      at,
      ...(input.memberId ? { memberId: input.memberId } : {}),
      // A cancellation counts against the event of the sale it cancels.
      ...(original.eventId ? { eventId: original.eventId } : {}),
      lines: original.lines.map((l) => ({
        ...l,
        quantity: -l.quantity,
        gross: -l.gross,
        discount: -l.discount,
        total: -l.total,
      })),
      payments: original.payments.map((p) => ({ method: p.method, amount: -p.amount })),
      totals: {
        byRate: original.totals.byRate.map((r) => ({ rate: r.rate, ttc: -r.ttc, ht: -r.ht, vat: -r.vat })),
        ttc: -original.totals.ttc,
        ht: -original.totals.ht,
        vat: -original.totals.vat,
      },
    };
    return commitSale(db, coop, draft, async (sale) => {
      const taken = await db.stockMovements.where('refId').equals(original.id).toArray();
      return taken.map((m) => ({
        id: newId(),
        productId: m.productId,
        delta: -m.delta,
        reason: 'cancellation' as const,
        refId: sale.id,
        at: sale.at,
      }));
    });
  });
}

/** Recomputes this till's whole chain against the stored records. */
export async function verifyTillJournal(db: EtalDb, tillId: string): Promise<JournalReport> {
  const tables = JOURNALLED_TABLES.map((name) => db.table<{ id: string; tillId: string }>(name));
  return db.transaction('r', [db.journal, ...tables], async () => {
    const entries = await db.journal.where('[tillId+seq]').between([tillId, Dexie.minKey], [tillId, Dexie.maxKey]).toArray();
    const lists = await Promise.all(tables.map((table) => table.filter((r) => r.tillId === tillId).toArray()));
    const records = new Map<string, unknown>(lists.flat().map((r) => [r.id, r]));
    return verifyJournal(entries, records);
  });
}

/** A business day's sales for the history screen, newest first; another till's that came in through no merge are left out. */
export async function salesOfDay(db: EtalDb, day: string): Promise<Sale[]> {
  const sales = await withoutForeign(db, 'sales', await db.sales.where('businessDay').equals(day).toArray());
  return sales.sort((a, b) => b.ticketNumber - a.ticketNumber);
}

export type DaySummary = {
  count: number;
  cancellations: number;
  total: number;
  byMethod: Record<Payment['method'], number>;
};

export function summarizeDay(sales: readonly Sale[]): DaySummary {
  const byMethod: DaySummary['byMethod'] = { cash: 0, card: 0, cheque: 0, transfer: 0, other: 0 };
  for (const sale of sales) {
    for (const p of sale.payments) byMethod[p.method] += p.amount;
  }
  return {
    count: sales.filter((s) => s.type === 'sale').length,
    cancellations: sales.filter((s) => s.type === 'cancellation').length,
    total: sales.reduce((a, s) => a + s.totals.ttc, 0),
    byMethod,
  };
}
