/**
 * Cash movements and day closings (Z), each stored with its journal entry in
 * ONE read-write transaction, like a sale (see sales.ts): nothing awaited
 * inside but Dexie, hashing is synchronous.
 */
import { Dexie } from 'dexie';
import { buildDayClosing, buildPeriodClosing, openDayAfter, periodEnd } from '../../shared/closing';
import { businessDay } from '../../shared/format';
import { keyFingerprint } from '../../shared/fingerprint';
import { GENESIS_HASH, nextEntry } from '../../shared/journal';
import {
  cashMovementSchema,
  closingSchema,
  type CashCountLine,
  type CashMovement,
  type CashReason,
  type Closing,
  type Coop,
  type OrderPayment,
} from '../../shared/schemas';
import { rememberClosing } from './anchors';
import { lastKeyChange, tillSigner } from './custody';
import { newId, nowIso, type EtalDb } from './db';
import { rollbackLine, rollbacksSince } from './rollback';
import { lastClosing, lastJournalEntry, SaleError } from './sales';

export { lastClosing };

/** This till's latest day Z (month and year closings have their own series). */
export async function lastDayClosing(db: EtalDb, tillId: string): Promise<Closing | undefined> {
  return db.closings.where('[tillId+kind+number]').between([tillId, 'day', Dexie.minKey], [tillId, 'day', Dexie.maxKey]).last();
}

/** The business day a sale or movement made now goes to (the day after the last Z when today is closed). */
export async function openBusinessDay(db: EtalDb, coop: Coop, at = nowIso()): Promise<string> {
  return openDayAfter(businessDay(at, coop.timeZone), (await lastDayClosing(db, coop.tillId))?.businessDay);
}

/**
 * The day the closing screen offers to close: the oldest business day after
 * the last Z that has sales or cash movements (a market day left unclosed is
 * closed first, so Zs stay in day order), else the open day.
 */
export async function dayToClose(db: EtalDb, coop: Coop, at = nowIso()): Promise<string> {
  const tillId = coop.tillId;
  const [open, last] = await Promise.all([openBusinessDay(db, coop, at), lastDayClosing(db, tillId)]);
  // Only the days after the last Z are walked (the index from that day on,
  // not from the season's first day): a Z never reopens, so nothing before it can be unclosed.
  const closed = last?.businessDay;
  const sales = closed === undefined ? db.sales.orderBy('businessDay') : db.sales.where('businessDay').above(closed);
  const afterZ = [[tillId, closed ?? Dexie.minKey], [tillId, Dexie.maxKey], closed === undefined, true] as const;
  const [sale, movement, orderPayment] = await Promise.all([
    sales.filter((s) => s.tillId === tillId).first(),
    db.cashMovements.where('[tillId+businessDay]').between(...afterZ).first(),
    db.orderPayments.where('[tillId+businessDay]').between(...afterZ).first(),
  ]);
  const days = [open, sale?.businessDay, movement?.businessDay, orderPayment?.businessDay].filter((d): d is string => d !== undefined);
  return days.sort()[0] ?? open;
}

export async function movementsOfDay(db: EtalDb, tillId: string, day: string): Promise<CashMovement[]> {
  const list = await db.cashMovements.where('[tillId+businessDay]').equals([tillId, day]).toArray();
  return list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Money received for orders on this till and business day (deposits and balances), oldest first. */
export async function orderPaymentsOfDay(db: EtalDb, tillId: string, day: string): Promise<OrderPayment[]> {
  const list = await db.orderPayments.where('[tillId+businessDay]').equals([tillId, day]).toArray();
  return list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Records the day's fund (once per day) or cash put in / taken out, with its journal entry. */
export async function recordCashMovement(
  db: EtalDb,
  coop: Coop,
  input: { kind: CashMovement['kind']; amount: number; reason?: CashReason; note?: string; memberId?: string; at?: string },
): Promise<CashMovement> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new SaleError('err.paymentAmount');
  const reason: CashReason = input.kind === 'fund' ? 'fund' : (input.reason ?? 'other');
  if (input.kind !== 'fund' && reason === 'fund') throw new SaleError('closing.err.reason');
  const note = input.note?.trim();
  if (reason === 'other' && !note) throw new SaleError('closing.err.noteRequired');
  const at = input.at ?? nowIso();
  return db.transaction('rw', [db.cashMovements, db.journal, db.closings], async () => {
    const [last, closed] = await Promise.all([lastJournalEntry(db, coop.tillId), lastDayClosing(db, coop.tillId)]);
    const day = openDayAfter(businessDay(at, coop.timeZone), closed?.businessDay);
    if (input.kind === 'fund') {
      const existing = await db.cashMovements.where('[tillId+businessDay]').equals([coop.tillId, day]).filter((m) => m.kind === 'fund').first();
      if (existing) throw new SaleError('closing.err.fundTwice');
    }
    const movement = cashMovementSchema.parse({
      id: newId(),
      tillId: coop.tillId,
      kind: input.kind,
      reason,
      ...(note ? { note } : {}),
      amount: input.amount,
      businessDay: day,
      at,
      ...(input.memberId ? { memberId: input.memberId } : {}),
      ...(coop.currentEventId ? { eventId: coop.currentEventId } : {}),
    });
    await db.cashMovements.add(movement);
    await db.journal.add(nextEntry(last, { tillId: coop.tillId, type: 'cash', recordId: movement.id, at, record: movement }));
    return movement;
  });
}

export async function closingOfDay(db: EtalDb, tillId: string, day: string): Promise<Closing | undefined> {
  return db.closings.where('[tillId+kind+businessDay]').equals([tillId, 'day', day]).first();
}

/** The till's day Zs, newest first. */
export async function closingsOfTill(db: EtalDb, tillId: string): Promise<Closing[]> {
  const list = await db.closings.where('[tillId+kind+number]').between([tillId, 'day', Dexie.minKey], [tillId, 'day', Dexie.maxKey]).toArray();
  return list.reverse();
}

/** What the Z would say if the day were closed now with this count (nothing stored). */
export async function previewDayClosing(
  db: EtalDb,
  coop: Coop,
  input: { day: string; count: readonly CashCountLine[]; countedBy?: string; at?: string },
): Promise<Closing> {
  return db.transaction('r', [db.sales, db.cashMovements, db.orderPayments, db.closings, db.journal, db.products, db.keyChanges, db.rollbacks], async () => {
    const key = await lastKeyChange(db, coop.tillId);
    return build(db, coop, { ...input, countedBy: input.countedBy ?? '' }, key ? keyFingerprint(key.newPublicKey) : undefined);
  });
}

/** The rollbacks since `previous` (a closing of the same kind), as the Z lists them. */
async function rollbackLines(db: EtalDb, tillId: string, previous: Closing | undefined): Promise<NonNullable<Closing['rollbacks']>> {
  const list = await rollbacksSince(db, tillId, previous?.at);
  return list.map(rollbackLine);
}

async function build(
  db: EtalDb,
  coop: Coop,
  input: { day: string; count: readonly CashCountLine[]; countedBy: string; memberId?: string | undefined; at?: string | undefined },
  fingerprint: string | undefined,
): Promise<Closing> {
  const tillId = coop.tillId;
  // The day's rows and the last Z before it, never the season: that Z's
  // perpetual total already sums every sale up to its day (a sale paid after
  // a Z goes to a later day, so none lands on or before it), and only days
  // left unclosed between it and this day are read on top.
  const before = await db.closings
    .where('[tillId+kind+businessDay]')
    .between([tillId, 'day', Dexie.minKey], [tillId, 'day', input.day], true, false)
    .last();
  const range = before === undefined ? db.sales.where('businessDay').belowOrEqual(input.day) : db.sales.where('businessDay').between(before.businessDay, input.day, false, true);
  // toArray() on the bare range is one getAll; a Dexie filter would step a cursor row by row.
  const read = (await range.toArray()).filter((s) => s.tillId === tillId);
  const sales = read.filter((s) => s.businessDay === input.day);
  const earlierTotal = (before?.grandTotal ?? 0) + read.filter((s) => s.businessDay < input.day).reduce((a, s) => a + s.totals.ttc, 0);
  const productIds = [...new Set(sales.flatMap((s) => s.lines.map((l) => l.productId)))];
  const [movements, orderPayments, previous, last, products] = await Promise.all([
    movementsOfDay(db, tillId, input.day),
    orderPaymentsOfDay(db, tillId, input.day),
    lastDayClosing(db, tillId),
    lastJournalEntry(db, tillId),
    db.products.bulkGet(productIds),
  ]);
  const categories = new Map(products.flatMap((p) => (p ? [[p.id, p.category] as const] : [])));
  const rollbacks = await rollbackLines(db, coop.tillId, previous);
  const closing = buildDayClosing({
    id: newId(),
    tillId: coop.tillId,
    number: (previous?.number ?? 0) + 1,
    businessDay: input.day,
    at: input.at ?? nowIso(),
    countedBy: input.countedBy,
    memberId: input.memberId,
    sales,
    movements,
    orderPayments,
    count: input.count,
    earlierTotal,
    lastJournalHash: last?.hash ?? GENESIS_HASH,
    categoryOf: (id) => categories.get(id) ?? undefined,
  });
  return { ...closing, ...(fingerprint ? { keyFingerprint: fingerprint } : {}), ...(rollbacks.length > 0 ? { rollbacks } : {}) };
}

/**
 * Closes a business day: the Z with its sequence number, period and
 * perpetual totals and its journal entry, all or nothing. Refused when the
 * day already has a Z (the caller shows that one) or is before the last Z.
 */
export async function closeDay(
  db: EtalDb,
  coop: Coop,
  input: { day: string; count: readonly CashCountLine[]; countedBy: string; memberId?: string; at?: string },
): Promise<Closing> {
  const countedBy = input.countedBy.trim();
  if (!countedBy) throw new SaleError('closing.err.countedBy');
  // The key the Z prints, made and journalled if need be: before the closing's transaction.
  const { fingerprint } = await tillSigner(db, coop.tillId);
  return db.transaction('rw', [db.sales, db.cashMovements, db.orderPayments, db.closings, db.journal, db.products, db.rollbacks, db.anchors], async () => {
    if (await closingOfDay(db, coop.tillId, input.day)) throw new SaleError('closing.err.alreadyClosed');
    const previous = await lastDayClosing(db, coop.tillId);
    if (previous && input.day < previous.businessDay) throw new SaleError('closing.err.beforeLast');
    const closing = closingSchema.parse(await build(db, coop, { ...input, countedBy }, fingerprint));
    const last = await lastJournalEntry(db, coop.tillId);
    await db.closings.add(closing);
    await db.journal.add(nextEntry(last, { tillId: coop.tillId, type: 'closing', recordId: closing.id, at: closing.at, record: closing }));
    await rememberClosing(db, closing, last);
    return closing;
  });
}

/** The till's month and year closings, newest first. */
export async function periodClosingsOfTill(db: EtalDb, tillId: string): Promise<Closing[]> {
  const list = await db.closings.where('[tillId+kind+number]').between([tillId, 'month', Dexie.minKey], [tillId, 'year', Dexie.maxKey]).toArray();
  return list.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.kind === 'year' ? 1 : -1));
}

export type PeriodKind = 'month' | 'year';

const periodOf = (kind: PeriodKind, day: string) => (kind === 'month' ? day.slice(0, 7) : day.slice(0, 4));

/**
 * The oldest month (or year) this till can close now: it has day Zs, it is
 * over (the open business day is after it) and it has no closing of that kind
 * yet. Unclosed sales in it are not checked here: closePeriod refuses them.
 */
export async function closablePeriod(db: EtalDb, coop: Coop, kind: PeriodKind, at = nowIso()): Promise<string | undefined> {
  const [open, days, periods] = await Promise.all([openBusinessDay(db, coop, at), closingsOfTill(db, coop.tillId), periodClosingsOfTill(db, coop.tillId)]);
  const closed = new Set(periods.filter((c) => c.kind === kind).map((c) => c.period));
  const candidates = [...new Set(days.map((c) => periodOf(kind, c.businessDay)))].sort();
  return candidates.find((p) => !closed.has(p) && periodEnd(p) < open);
}

/**
 * Closes a month ('YYYY-MM') or a year ('YYYY'): a journalled record summing
 * the day Zs in it, numbered in its own series, with the perpetual total.
 * Refused while the period is not over, has sales, cash movements or order
 * payments not yet in a Z, has no Z at all, is already closed, or an earlier
 * period (or, for a year, one of its months) is still open.
 */
export async function closePeriod(
  db: EtalDb,
  coop: Coop,
  input: { kind: PeriodKind; period: string; closedBy: string; memberId?: string; at?: string },
): Promise<Closing> {
  const closedBy = input.closedBy.trim();
  if (!closedBy) throw new SaleError('closing.err.countedBy');
  if (!(input.kind === 'month' ? /^\d{4}-(0[1-9]|1[0-2])$/ : /^\d{4}$/).test(input.period)) throw new SaleError('closing.err.period');
  const at = input.at ?? nowIso();
  const tillId = coop.tillId;
  const { fingerprint } = await tillSigner(db, tillId);
  return db.transaction('rw', [db.sales, db.cashMovements, db.orderPayments, db.closings, db.journal, db.anchors], async () => {
    const [open, lastDay, days, periods] = await Promise.all([openBusinessDay(db, coop, at), lastDayClosing(db, tillId), closingsOfTill(db, tillId), periodClosingsOfTill(db, tillId)]);
    const inPeriod = (day: string) => day.startsWith(input.period);
    if (periods.some((c) => c.kind === input.kind && c.period === input.period)) throw new SaleError('closing.err.periodClosed');
    if (periodEnd(input.period) >= open) throw new SaleError('closing.err.periodNotOver');
    // Only the period's days after the last Z can be unclosed: the indexes are read from there.
    const afterZ = lastDay !== undefined && lastDay.businessDay >= input.period;
    const from = afterZ ? lastDay.businessDay : input.period;
    const to = `${input.period}\uffff`;
    const [sale, movement, payment] = await Promise.all([
      db.sales.where('businessDay').between(from, to, !afterZ, true).filter((r) => r.tillId === tillId).first(),
      db.cashMovements.where('[tillId+businessDay]').between([tillId, from], [tillId, to], !afterZ, true).first(),
      db.orderPayments.where('[tillId+businessDay]').between([tillId, from], [tillId, to], !afterZ, true).first(),
    ]);
    if (sale || movement || payment) throw new SaleError('closing.err.periodOpenDays');
    if (!days.some((c) => inPeriod(c.businessDay))) throw new SaleError('closing.err.periodEmpty');
    const closed = new Set(periods.filter((c) => c.kind === input.kind).map((c) => c.period));
    const earlier = days.map((c) => periodOf(input.kind, c.businessDay)).filter((p) => p < input.period && !closed.has(p));
    if (earlier.length > 0) throw new SaleError('closing.err.earlierPeriodOpen');
    if (input.kind === 'year') {
      const months = new Set(periods.filter((c) => c.kind === 'month').map((c) => c.period));
      if (days.some((c) => inPeriod(c.businessDay) && !months.has(c.businessDay.slice(0, 7)))) throw new SaleError('closing.err.monthsOpen');
    }
    const [previous, last] = await Promise.all([
      db.closings.where('[tillId+kind+number]').between([tillId, input.kind, Dexie.minKey], [tillId, input.kind, Dexie.maxKey]).last(),
      lastJournalEntry(db, tillId),
    ]);
    const closing = closingSchema.parse({
      ...buildPeriodClosing({
        id: newId(),
        tillId,
        kind: input.kind,
        number: (previous?.number ?? 0) + 1,
        period: input.period,
        at,
        closedBy,
        memberId: input.memberId,
        closings: days,
        lastJournalHash: last?.hash ?? GENESIS_HASH,
      }),
      keyFingerprint: fingerprint,
    });
    await db.closings.add(closing);
    await db.journal.add(nextEntry(last, { tillId, type: 'closing', recordId: closing.id, at, record: closing }));
    await rememberClosing(db, closing, last);
    return closing;
  });
}
