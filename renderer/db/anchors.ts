/**
 * Anchors and the whole-till check behind *Vérifier le journal* (issue 15,
 * item 3; the rules are in shared/anchors.ts).
 *
 * Heads are remembered in the `anchors` store (schema version 9) in the same
 * transaction as what makes them leave the till: a Z or month/year closing
 * (the hash it prints), an archive export (its last hash), a payout export
 * (the head it was made at), a merge (each merged till's head). A backup's
 * head is remembered when the backup is built (createBackup). The Z, export
 * and merge records hold their heads too, but they sit in the tail a forger
 * cuts; the store is outside the journal so the cut leaves it behind.
 */
import { flagForeign, missingHeads, seriesHoles, yearlySeries, type ForeignRecord, type MissingHead, type SeriesHole, type SeriesInput } from '../../shared/anchors';
import { JOURNALLED_TABLES } from '../../shared/backup';
import { verifyJournal, type JournalReport } from '../../shared/journal';
import { anchorSchema, type Anchor, type AnchorKind } from '../../shared/schemas/anchor';
import type { Closing, Coop, JournalEntry } from '../../shared/schemas';
import { newId, nowIso, ticketCounterKey, type EtalDb } from './db';

export type { ForeignRecord, MissingHead, SeriesHole };

/** Inside a rw transaction that includes db.anchors. */
export async function rememberHead(db: EtalDb, head: { tillId: string; kind: AnchorKind; seq: number; hash: string; name: string; day?: string; at?: string }): Promise<Anchor> {
  const anchor = anchorSchema.parse({ id: newId(), at: head.at ?? nowIso(), ...head });
  await db.anchors.add(anchor);
  return anchor;
}

/** The head a closing prints, remembered with its number and day. */
export function rememberClosing(db: EtalDb, closing: Closing, last: JournalEntry | undefined): Promise<Anchor> {
  return rememberHead(db, { tillId: closing.tillId, kind: closing.kind === 'day' ? 'z' : closing.kind, seq: last?.seq ?? 0, hash: closing.lastJournalHash, name: String(closing.number), day: closing.businessDay, at: closing.at });
}

/** Tills whose records came in through a merge: recorded by the merge (anchors), or named on the co-op by a merge or the set-up from a backup. */
async function mergedTills(db: EtalDb, coop: Coop | undefined): Promise<Set<string>> {
  const merges = await db.anchors.filter((a) => a.kind === 'merge').toArray();
  return new Set([...merges.map((a) => a.tillId), ...(coop?.otherTills ?? []).map((t) => t.id)]);
}

type TillRecord = { id: string; tillId: string; ticketNumber?: unknown; number?: unknown };

function journalledTables(db: EtalDb) {
  return JOURNALLED_TABLES.map((name) => db.table<TillRecord>(name));
}

/** The records of other tills among `records` that are not legitimate here (see flagForeign). */
async function flag(db: EtalDb, coop: Coop | undefined, records: readonly { table: string; record: TillRecord }[]): Promise<ForeignRecord[]> {
  const ownTillId = coop?.tillId ?? '';
  const foreign = records.filter((r) => r.record.tillId !== ownTillId);
  if (foreign.length === 0) return [];
  const [tills, entries] = await Promise.all([mergedTills(db, coop), db.journal.where('recordId').anyOf(foreign.map((r) => r.record.id)).toArray()]);
  return flagForeign(ownTillId, tills, foreign, entries);
}

/** Every flagged record of another till, in every journalled table. */
export async function foreignRecords(db: EtalDb): Promise<ForeignRecord[]> {
  const coop = await db.coop.get('coop');
  const ownTillId = coop?.tillId ?? '';
  const lists = await Promise.all(journalledTables(db).map(async (table) => (await table.filter((r) => r.tillId !== ownTillId).toArray()).map((record) => ({ table: table.name, record }))));
  return flag(db, coop, lists.flat());
}

/** `list` without the flagged records of other tills (Ventes, Partage). */
export async function withoutForeign<T extends TillRecord>(db: EtalDb, table: (typeof JOURNALLED_TABLES)[number], list: readonly T[]): Promise<T[]> {
  const coop = await db.coop.get('coop');
  const flagged = new Set((await flag(db, coop, list.map((record) => ({ table, record })))).map((r) => r.id));
  return list.filter((r) => !flagged.has(r.id));
}

export type ForeignChain = { tillId: string; report: JournalReport };

export type TillCheck = {
  ok: boolean;
  /** This till's chain. */
  journal: JournalReport;
  holes: SeriesHole[];
  missingHeads: MissingHead[];
  foreign: ForeignRecord[];
  /** Merged tills whose chain, as held here, does not verify. */
  brokenChains: ForeignChain[];
};

/**
 * *Vérifier le journal*: this till's chain, every numbered series, every
 * remembered head, and the records of other tills (each merged till's chain
 * is verified too). One read transaction: one consistent moment.
 */
export async function verifyTill(db: EtalDb, tillId: string): Promise<TillCheck> {
  const tables = journalledTables(db);
  return db.transaction('r', [db.journal, db.coop, db.counters, db.anchors, db.orders, ...tables], async () => {
    const coop = await db.coop.get('coop');
    const [journal, lists, counters, anchors, orders, tills] = await Promise.all([
      db.journal.toArray(),
      Promise.all(tables.map(async (table) => (await table.toArray()).map((record) => ({ table: table.name, record })))),
      db.counters.toArray(),
      db.anchors.toArray(),
      db.orders.toArray(),
      mergedTills(db, coop),
    ]);
    const records = lists.flat();
    const counterOf = new Map(counters.map((c) => [c.key, c.value]));
    const chains = new Map<string, JournalEntry[]>();
    for (const e of [...journal].sort((a, b) => a.seq - b.seq)) chains.set(e.tillId, [...(chains.get(e.tillId) ?? []), e]);
    const recordsOf = (till: string) => new Map<string, unknown>(records.filter((r) => r.record.tillId === till).map((r) => [r.record.id, r.record]));

    const own = verifyJournal(chains.get(tillId) ?? [], recordsOf(tillId));
    const brokenChains: ForeignChain[] = [];
    for (const other of [...tills].sort()) {
      if (other === tillId || !chains.has(other)) continue;
      const report = verifyJournal(chains.get(other) ?? [], recordsOf(other));
      if (!report.ok) brokenChains.push({ tillId: other, report });
    }

    const foreign = flagForeign(tillId, tills, records, journal);
    const flagged = new Set(foreign.map((f) => f.id));
    const legit = records.filter((r) => !flagged.has(r.record.id));
    const series: SeriesInput[] = [];
    for (const till of new Set([tillId, ...legit.map((r) => r.record.tillId)])) {
      const sales = legit.filter((r) => r.table === 'sales' && r.record.tillId === till).map((r) => Number(r.record.ticketNumber));
      series.push({ series: 'ticket', tillId: till, numbers: sales, ...(till === tillId ? { lastTaken: counterOf.get(ticketCounterKey(till)) ?? 0 } : {}) });
      for (const kind of ['day', 'month', 'year'] as const) {
        const series_ = kind === 'day' ? 'z' : kind;
        const numbers = legit.filter((r) => r.table === 'closings' && r.record.tillId === till && (r.record as unknown as Closing).kind === kind).map((r) => Number(r.record.number));
        // Closings take no counter: the remembered heads say how far the series went, so a cut-off last Z is a hole too.
        const lastTaken = Math.max(0, ...anchors.filter((a) => a.tillId === till && a.kind === series_).map((a) => Number(a.name) || 0));
        series.push({ series: series_, tillId: till, numbers, lastTaken });
      }
    }
    const invoiceNumbers = legit.filter((r) => r.table === 'invoices').map((r) => String(r.record.number));
    series.push(...yearlySeries('order', 'C', orders.map((o) => o.number), counterOf, 'order'));
    series.push(...yearlySeries('invoice', 'F', invoiceNumbers, counterOf, 'invoice'));
    series.push(...yearlySeries('creditNote', 'A', invoiceNumbers, counterOf, 'creditNote'));
    const holes = seriesHoles(series);

    const anchoredTills = new Set(anchors.map((a) => a.tillId).filter((till) => till === tillId || tills.has(till)));
    const missing = [...anchoredTills].flatMap((till) => missingHeads(chains.get(till) ?? [], anchors.filter((a) => a.tillId === till)));
    missing.sort((a, b) => (a.anchor.at < b.anchor.at ? 1 : a.anchor.at > b.anchor.at ? -1 : 0));

    return { ok: own.ok && holes.length === 0 && missing.length === 0 && foreign.length === 0 && brokenChains.length === 0, journal: own, holes, missingHeads: missing, foreign, brokenChains };
  });
}
