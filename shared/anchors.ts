/**
 * What *Vérifier le journal* checks besides the chain (issue 15, item 3):
 *
 * - every numbered series is continuous: tickets per till, day Zs and month
 *   and year closings per till, orders (C-), invoices (F-) and credit notes
 *   (A-) per year; the counter that hands out numbers says how far a series
 *   went, so a deleted last ticket is a hole too;
 * - every head that left the till (a Z, a backup, an export, a merge; see
 *   schemas/anchor.ts) is still in its till's chain, at its seq;
 * - every record of another till came in through a recorded merge and is
 *   covered by that till's chain; any other is flagged (flagForeign) and left
 *   out of Ventes, the Z and Partage.
 *
 * Pure: the caller reads the tables (renderer/db/anchors.ts).
 */
import { digestOf, GENESIS_HASH } from './journal';
import type { Anchor } from './schemas/anchor';
import type { JournalEntry } from './schemas';

export type SeriesKind = 'ticket' | 'z' | 'month' | 'year' | 'order' | 'invoice' | 'creditNote';

export type SeriesHole = {
  series: SeriesKind;
  /** Per-till series (tickets, closings). */
  tillId?: string;
  /** Yearly series (orders, invoices, credit notes). */
  year?: string;
  /** The first missing numbers as people read them ("22", "F-2026-0003"), at most MAX_NAMED. */
  missing: string[];
  /** How many numbers are missing in all. */
  count: number;
};

const MAX_NAMED = 10;

/** The numbers missing from 1 to the highest of `numbers` and `lastTaken` (a counter's value). */
export function missingNumbers(numbers: Iterable<number>, lastTaken = 0): { first: number[]; count: number } {
  const present = new Set(numbers);
  const top = Math.max(lastTaken, ...present);
  const first: number[] = [];
  let count = 0;
  for (let n = 1; n <= top; n += 1) {
    if (present.has(n)) continue;
    count += 1;
    if (first.length < MAX_NAMED) first.push(n);
  }
  return { first, count };
}

export type SeriesInput = {
  series: SeriesKind;
  tillId?: string;
  year?: string;
  numbers: readonly number[];
  lastTaken?: number;
  /** How a number reads ("F-2026-0003"); plain digits when absent. */
  label?: (n: number) => string;
};

export function seriesHoles(inputs: readonly SeriesInput[]): SeriesHole[] {
  return inputs.flatMap((s) => {
    const { first, count } = missingNumbers(s.numbers, s.lastTaken);
    if (count === 0) return [];
    const hole: SeriesHole = { series: s.series, missing: first.map((n) => (s.label ? s.label(n) : String(n))), count };
    if (s.tillId !== undefined) hole.tillId = s.tillId;
    if (s.year !== undefined) hole.year = s.year;
    return [hole];
  });
}

/** 'C-2026-0007' → { year: '2026', n: 7 }. */
export function parseSeriesNumber(number: string): { prefix: string; year: string; n: number } | null {
  const match = /^([A-Z])-(\d{4})-(\d{4,})$/.exec(number);
  return match ? { prefix: match[1] as string, year: match[2] as string, n: Number(match[3]) } : null;
}

/** Groups yearly numbers ('F-2026-0003') by year, with that year's counter. */
export function yearlySeries(series: SeriesKind, prefix: string, numbers: readonly string[], counters: ReadonlyMap<string, number>, counterPrefix: string): SeriesInput[] {
  const byYear = new Map<string, number[]>();
  for (const number of numbers) {
    const parsed = parseSeriesNumber(number);
    if (!parsed || parsed.prefix !== prefix) continue;
    byYear.set(parsed.year, [...(byYear.get(parsed.year) ?? []), parsed.n]);
  }
  for (const [key, value] of counters) {
    if (key.startsWith(`${counterPrefix}:`) && value > 0) byYear.set(key.slice(counterPrefix.length + 1), byYear.get(key.slice(counterPrefix.length + 1)) ?? []);
  }
  return [...byYear].sort(([a], [b]) => (a < b ? -1 : 1)).map(([year, list]) => ({
    series,
    year,
    numbers: list,
    lastTaken: counters.get(`${counterPrefix}:${year}`) ?? 0,
    label: (n: number) => `${prefix}-${year}-${String(n).padStart(4, '0')}`,
  }));
}

export type MissingHead = {
  anchor: Anchor;
  /** The hash the chain has at that seq now, if it reaches it (the tail was rewritten rather than cut). */
  found?: string;
};

/** The anchors of one till whose head is no longer in that till's chain at its seq. */
export function missingHeads(chain: readonly JournalEntry[], anchors: readonly Anchor[]): MissingHead[] {
  const bySeq = new Map(chain.map((e) => [e.seq, e.hash]));
  bySeq.set(0, GENESIS_HASH);
  const missing: MissingHead[] = [];
  for (const anchor of anchors) {
    const at = bySeq.get(anchor.seq);
    if (at === anchor.hash) continue;
    missing.push(at === undefined ? { anchor } : { anchor, found: at });
  }
  return missing;
}

export type ForeignReason = 'unknownTill' | 'notJournalled';

export type ForeignRecord = {
  table: string;
  id: string;
  tillId: string;
  /** A sale's ticket number; a closing's number. */
  ticketNumber?: number;
  /** An invoice's or credit note's number. */
  number?: string;
  reason: ForeignReason;
};

type TillRecord = { id: string; tillId: string; ticketNumber?: unknown; number?: unknown };

/**
 * Which records of other tills are not legitimate here: their till never came
 * in through a merge (`mergedTills`), or no entry of that till's chain covers
 * them as they are (`entries`: at least the entries whose recordId is one of
 * theirs). Records of `ownTillId` are the own chain's business (verifyJournal).
 */
export function flagForeign(ownTillId: string, mergedTills: ReadonlySet<string>, records: readonly { table: string; record: TillRecord }[], entries: readonly JournalEntry[]): ForeignRecord[] {
  const covering = new Map<string, JournalEntry[]>();
  for (const e of entries) covering.set(e.recordId, [...(covering.get(e.recordId) ?? []), e]);
  const flagged: ForeignRecord[] = [];
  for (const { table, record } of records) {
    if (record.tillId === ownTillId) continue;
    let reason: ForeignReason | undefined;
    if (!mergedTills.has(record.tillId)) reason = 'unknownTill';
    else {
      const digest = digestOf(record);
      if (!(covering.get(record.id) ?? []).some((e) => e.tillId === record.tillId && e.digest === digest)) reason = 'notJournalled';
    }
    if (reason === undefined) continue;
    const item: ForeignRecord = { table, id: record.id, tillId: record.tillId, reason };
    if (typeof record.ticketNumber === 'number') item.ticketNumber = record.ticketNumber;
    if (typeof record.number === 'number') item.ticketNumber = record.number;
    if (typeof record.number === 'string') item.number = record.number;
    flagged.push(item);
  }
  return flagged;
}
