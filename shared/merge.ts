/**
 * "Fusionner une caisse": what another till's backup file adds to this
 * database, computed without touching it (planMerge is pure), and the rules
 * that make the merge safe to repeat.
 *
 * - The file has already been read by parseBackup (whole file through zod,
 *   format version, hash, every till's journal chain).
 * - Only tills other than this one are taken: this till's own records are
 *   authoritative here and never replaced.
 * - For each other till, this database's copy of its journal must be a
 *   prefix of the file's (or the file's a prefix of ours): the new entries
 *   are the file's tail. Journalled records (JOURNALLED_TABLES) are added
 *   when absent; the same id with another content is a conflict, and any
 *   conflict refuses the whole merge. A second import finds everything
 *   present and adds nothing.
 * - Non-journalled records tied to them or read by the payout (customers,
 *   orders and their status changes, contributions, productions, charges,
 *   shifts, material purchases) are added when absent; when present, this
 *   till's version is kept (counted, not overwritten). An order number
 *   already used here by another order is a conflict: the two would clash
 *   in the numbering.
 * - Stock is NOT merged: each till's levels are the stock on its own table,
 *   and its movements are the history of that stock; the other till's sales
 *   already moved the other till's stock. So stock movements, stock levels,
 *   material movements and material levels stay on their till: a purchase or
 *   a production made on the other till is copied as a record (the payout
 *   counts it), without re-applying its movement to this till's levels.
 * - Catalogue (products, members, events, materials) differences are listed,
 *   never overwritten; those that exist only in the file can be added.
 */
import { canonicalJson } from './journal';
import { JOURNALLED_TABLES, type BackupTables } from './backup';
import type { Coop, JournalEntry } from './schemas';

/** Added when absent, never overwritten. */
export const COPIED_IF_ABSENT = ['customers', 'orders', 'orderStatusChanges', 'contributions', 'productions', 'charges', 'shifts', 'purchases'] as const;
/** Listed when they differ; those missing here may be added on request. */
export const CATALOGUE_TABLES = ['products', 'members', 'events', 'materials'] as const;
export type CatalogueTable = (typeof CATALOGUE_TABLES)[number];

/** Every table the merge reads from this database. */
export const MERGE_READS = ['coop', 'journal', ...JOURNALLED_TABLES, ...COPIED_IF_ABSENT, ...CATALOGUE_TABLES] as const;

export type MergeTill = {
  tillId: string;
  /** Known for the file's own till; other tills it holds are named by a short id. */
  tillName: string;
  sales: number;
  cancellations: number;
  closings: number;
  cashMovements: number;
  /** Archive exports, invoices, order payments, payout exports. */
  others: number;
  journal: number;
  firstAt?: string;
  lastAt?: string;
};

export type MergeConflict = { table: string; id: string; label: string };

export type CatalogueDiff = {
  table: CatalogueTable;
  id: string;
  /** The name in the file. */
  name: string;
  /** The name here, when it differs. */
  localName?: string;
  kind: 'missing' | 'different';
  /** Which fields differ (product: name, price, vatRate, unit; member: firstName; …). */
  fields: string[];
};

export type MergePlan = {
  fileTillId: string;
  fileTillName: string;
  fileCoopName: string;
  fileCaeSiret: string;
  sameTill: boolean;
  /** Another CAE SIRET or another co-op name: ask before merging. */
  otherCoop: boolean;
  tills: MergeTill[];
  /** Records to add, by table (journal included). */
  add: Record<string, unknown[]>;
  /** Non-journalled records present on both sides with different content: this till's are kept. */
  kept: number;
  catalogue: CatalogueDiff[];
  /** Catalogue records that exist only in the file, by table. */
  missing: Record<CatalogueTable, unknown[]>;
  conflicts: MergeConflict[];
  /** Nothing to add (a second import of the same file). */
  nothingNew: boolean;
};

type Rec = { id: string; tillId?: string; [key: string]: unknown };

const COMPARED_FIELDS: Record<CatalogueTable, readonly string[]> = {
  products: ['name', 'price', 'vatRate', 'unit', 'archived'],
  members: ['firstName', 'analyticCode', 'archived'],
  events: ['name', 'place', 'startDay', 'endDay', 'stallFee'],
  materials: ['name', 'unit', 'unitCost', 'archived'],
};

function list(tables: BackupTables, name: string): Rec[] {
  return (tables[name] ?? []) as Rec[];
}

function byId(records: readonly Rec[]): Map<string, Rec> {
  return new Map(records.map((r) => [r.id, r]));
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function shortTill(tillId: string): string {
  return tillId.slice(0, 8);
}

function nameOf(table: CatalogueTable, record: Rec): string {
  const value = table === 'members' ? record['firstName'] : record['name'];
  return typeof value === 'string' ? value : record.id;
}

/** A record's readable name in a conflict: ticket n°, closing n°, invoice or order number. */
function labelOf(table: string, record: Rec, tillName: string): string {
  if (table === 'sales') return `${tillName} · ticket ${String(record['ticketNumber'])}`;
  if (table === 'closings') return `${tillName} · Z ${String(record['number'])}`;
  if (typeof record['number'] === 'string') return String(record['number']);
  return `${table} ${shortTill(record.id)}`;
}

/**
 * What merging `file` (a parsed, verified backup) into `local` (this
 * database's tables, at least MERGE_READS) would add. Pure: the caller
 * writes `add` in one transaction when there is no conflict.
 */
export function planMerge(local: BackupTables, file: BackupTables): MergePlan {
  const here = list(local, 'coop')[0] as unknown as Coop | undefined;
  const there = list(file, 'coop')[0] as unknown as Coop | undefined;
  if (!here || !there) throw new Error('both databases need their co-op record');
  const fileTillId = there.tillId;
  const fileTillName = there.tillName;
  const plan: MergePlan = {
    fileTillId,
    fileTillName,
    fileCoopName: there.name,
    fileCaeSiret: there.cae.siret,
    sameTill: fileTillId === here.tillId,
    otherCoop: there.cae.siret !== here.cae.siret || there.name.trim().toLocaleLowerCase('fr') !== here.name.trim().toLocaleLowerCase('fr'),
    tills: [],
    add: {},
    kept: 0,
    catalogue: [],
    missing: { products: [], members: [], events: [], materials: [] },
    conflicts: [],
    nothingNew: true,
  };
  const push = (table: string, record: unknown) => {
    (plan.add[table] ??= []).push(record);
  };
  const conflict = (table: string, record: Rec, label: string) => plan.conflicts.push({ table, id: record.id, label });
  const tillLabel = (tillId: string) => (tillId === fileTillId ? fileTillName : shortTill(tillId));

  // Journalled records and journal entries, till by till (this till excepted).
  const fileJournal = list(file, 'journal') as unknown as JournalEntry[];
  const localJournal = list(local, 'journal') as unknown as JournalEntry[];
  const tillIds = new Set<string>(fileJournal.map((e) => e.tillId));
  for (const table of JOURNALLED_TABLES) for (const r of list(file, table)) if (r.tillId) tillIds.add(r.tillId);
  tillIds.delete(here.tillId);
  for (const tillId of [...tillIds].sort()) {
    const name = tillLabel(tillId);
    const theirs = fileJournal.filter((e) => e.tillId === tillId).sort((a, b) => a.seq - b.seq);
    const ours = localJournal.filter((e) => e.tillId === tillId).sort((a, b) => a.seq - b.seq);
    const common = Math.min(theirs.length, ours.length);
    for (let i = 0; i < common; i += 1) {
      const a = theirs[i] as JournalEntry;
      if (a.hash !== (ours[i] as JournalEntry).hash) {
        plan.conflicts.push({ table: 'journal', id: `${tillId}:${a.seq}`, label: `${name} · journal ${a.seq}` });
        break;
      }
    }
    const newEntries = theirs.slice(ours.length);
    for (const entry of newEntries) push('journal', entry);
    const till: MergeTill = { tillId, tillName: name, sales: 0, cancellations: 0, closings: 0, cashMovements: 0, others: 0, journal: newEntries.length };
    for (const table of JOURNALLED_TABLES) {
      const mine = byId(list(local, table));
      for (const record of list(file, table)) {
        if (record.tillId !== tillId) continue;
        const existing = mine.get(record.id);
        if (existing) {
          if (!same(existing, record)) conflict(table, record, labelOf(table, record, name));
          continue;
        }
        push(table, record);
        if (table === 'sales') {
          if (record['type'] === 'cancellation') till.cancellations += 1;
          else till.sales += 1;
          const at = String(record['at']);
          if (!till.firstAt || at < till.firstAt) till.firstAt = at;
          if (!till.lastAt || at > till.lastAt) till.lastAt = at;
        } else if (table === 'closings') till.closings += 1;
        else if (table === 'cashMovements') till.cashMovements += 1;
        else till.others += 1;
      }
    }
    if (till.journal + till.sales + till.cancellations + till.closings + till.cashMovements + till.others > 0) plan.tills.push(till);
  }

  // Unique numbers the database enforces: a new record must not take one already used here.
  const taken = (table: string, key: (r: Rec) => string) => {
    const used = new Map(list(local, table).map((r) => [key(r), r.id] as const));
    for (const record of (plan.add[table] ?? []) as Rec[]) {
      const other = used.get(key(record));
      if (other !== undefined && other !== record.id) conflict(table, record, labelOf(table, record, tillLabel(record.tillId ?? '')));
      used.set(key(record), record.id);
    }
  };
  taken('sales', (r) => `${String(r.tillId)}|${String(r['ticketNumber'])}`);
  taken('closings', (r) => `${String(r.tillId)}|${String(r['number'])}`);
  taken('closings', (r) => `${String(r.tillId)}|${String(r['businessDay'])}`);
  taken('invoices', (r) => String(r['number']));

  // Non-journalled data: added when absent, this till's version kept otherwise.
  for (const table of COPIED_IF_ABSENT) {
    const mine = byId(list(local, table));
    for (const record of list(file, table)) {
      const existing = mine.get(record.id);
      if (!existing) push(table, record);
      else if (!same(existing, record)) plan.kept += 1;
    }
  }
  taken('orders', (r) => String(r['number']));

  // Catalogue: listed, never overwritten.
  for (const table of CATALOGUE_TABLES) {
    const mine = byId(list(local, table));
    for (const record of list(file, table)) {
      const existing = mine.get(record.id);
      if (!existing) {
        plan.missing[table].push(record);
        plan.catalogue.push({ table, id: record.id, name: nameOf(table, record), kind: 'missing', fields: [] });
        continue;
      }
      const fields = COMPARED_FIELDS[table].filter((f) => !same(existing[f] ?? null, record[f] ?? null));
      if (fields.length > 0) {
        const localName = nameOf(table, existing);
        plan.catalogue.push({ table, id: record.id, name: nameOf(table, record), ...(localName !== nameOf(table, record) ? { localName } : {}), kind: 'different', fields });
      }
    }
  }

  // Shown as a list: per table, what differs first, then what is missing, by name (not by random id).
  const kindRank = { different: 0, missing: 1 } as const;
  plan.catalogue.sort(
    (x, y) =>
      CATALOGUE_TABLES.indexOf(x.table) - CATALOGUE_TABLES.indexOf(y.table) ||
      kindRank[x.kind] - kindRank[y.kind] ||
      x.name.localeCompare(y.name, 'fr') ||
      (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );

  plan.nothingNew = Object.values(plan.add).every((records) => records.length === 0);
  return plan;
}
