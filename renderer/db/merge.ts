/**
 * Several tills at one fair (issue #8, point 3), on the database side.
 *
 * - createTillFromBackup: "Ajouter une caisse à un collectif". From the first
 *   till's backup file, a new till gets the co-op settings, the CAE, the
 *   members, products, materials and events (same ids, so merged sales line
 *   up), but its own till id and name, its own ticket series from 1, an empty
 *   journal and no stock (its stock is what is on its own table: count it).
 * - previewMerge / mergeTill: "Fusionner une caisse". The file is read and
 *   checked by parseBackup (zod, version, hash, every journal chain); the
 *   plan (shared/merge.ts) is shown; the merge writes it in ONE transaction,
 *   after planning again inside it and checking the other till's chain
 *   again, so a refusal writes nothing.
 */
import { BackupProblem, verifyBackupJournals, type BackupTables, type ParsedBackup } from '../../shared/backup';
import { MERGE_READS, planMerge, type MergePlan } from '../../shared/merge';
import { coopSchema, type Coop, type JournalEntry } from '../../shared/schemas';
import { rememberHead } from './anchors';
import { readBackup } from './backup';
import { tillSigner } from './custody';
import { newId, nowIso, type EtalDb } from './db';

/** A refusal shown to the person: `key` is the i18n sentence. */
export class MergeProblem extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

function mergeTables(db: EtalDb) {
  return MERGE_READS.map((name) => db.table(name));
}

async function readLocal(db: EtalDb): Promise<BackupTables> {
  const entries = await Promise.all(mergeTables(db).map(async (table) => [table.name, (await table.toArray()) as unknown[]] as const));
  return Object.fromEntries(entries);
}

/** Throws when the merge must not go on as planned. */
function refuse(plan: MergePlan, options: { acceptOtherCoop: boolean }): void {
  if (plan.sameTill) throw new MergeProblem('backup.merge.err.sameTill');
  if (plan.otherCoop && !options.acceptOtherCoop) throw new MergeProblem('backup.merge.err.otherCoop', { coop: plan.fileCoopName });
  const first = plan.conflicts[0];
  if (first) throw new MergeProblem('backup.merge.err.conflict', { what: first.label, count: plan.conflicts.length });
}

export type MergePreview = { parsed: ParsedBackup; plan: MergePlan };

/**
 * Reads and checks another till's file and says what merging it would add.
 * Throws a BackupProblem (bad file) or a MergeProblem (this till's own file).
 */
export async function previewMerge(db: EtalDb, text: string): Promise<MergePreview> {
  const parsed = readBackup(db, text);
  const plan = await db.transaction('r', mergeTables(db), async () => planMerge(await readLocal(db), parsed.tables));
  if (plan.sameTill) throw new MergeProblem('backup.merge.err.sameTill');
  return { parsed, plan };
}

export type MergeOptions = {
  /** Add the products, members, events and materials that exist only in the file. */
  addMissing?: boolean;
  /** The person confirmed that a file of another co-op (name or CAE SIRET) is theirs. */
  acceptOtherCoop?: boolean;
};

/** The list of known tills with `till` added or renamed. */
function withTill(list: Coop['otherTills'], till: { id: string; name: string }): NonNullable<Coop['otherTills']> {
  return [...(list ?? []).filter((t) => t.id !== till.id), { id: till.id, name: till.name.slice(0, 60) }];
}

/**
 * Adds the other till's records, all or nothing. Idempotent: a second call
 * with the same file adds nothing. Returns the plan that was written.
 */
export async function mergeTill(db: EtalDb, parsed: ParsedBackup, options: MergeOptions = {}): Promise<MergePlan> {
  // The chain is checked again here (the parsed tables could have been
  // altered since the preview): before the transaction, so nothing is written.
  const journal = verifyBackupJournals(parsed.tables);
  if (!journal.ok) throw new BackupProblem('backup.err.journalBroken', { seq: journal.seq }, `${journal.tillId}: ${journal.kind}`);
  return db.transaction('rw', [...mergeTables(db), db.anchors], async () => {
    const plan = planMerge(await readLocal(db), parsed.tables);
    refuse(plan, { acceptOtherCoop: options.acceptOtherCoop ?? false });
    for (const [name, records] of Object.entries(plan.add)) {
      if (records.length > 0) await db.table(name).bulkAdd(records);
    }
    if (options.addMissing) {
      for (const [name, records] of Object.entries(plan.missing)) {
        if (records.length > 0) await db.table(name).bulkAdd(records);
      }
    }
    // The merge is what makes another till's records legitimate here, and its head an anchor of that till's chain.
    const fileJournal = (parsed.tables['journal'] ?? []) as JournalEntry[];
    for (const till of plan.tills) {
      const head = fileJournal.filter((e) => e.tillId === till.tillId).reduce<JournalEntry | undefined>((a, e) => (a === undefined || e.seq > a.seq ? e : a), undefined);
      if (head) await rememberHead(db, { tillId: till.tillId, kind: 'merge', seq: head.seq, hash: head.hash, name: till.tillName });
    }
    const coop = await db.coop.get('coop');
    const fileCoop = parsed.tables['coop']?.[0] as Coop | undefined;
    if (coop && fileCoop && fileCoop.tillId !== coop.tillId) {
      // Names the file knows (its own till and those it merged) become ours, so the sales list can say whose ticket it is.
      let otherTills = withTill(coop.otherTills, { id: fileCoop.tillId, name: fileCoop.tillName });
      for (const till of fileCoop.otherTills ?? []) if (till.id !== coop.tillId) otherTills = withTill(otherTills, till);
      await db.coop.put({ ...coop, otherTills });
    }
    return plan;
  });
}

/**
 * "Ajouter une caisse à un collectif": sets up this (empty) database as a
 * new till of the co-op in the file. The printer is this computer's own
 * setting and is not copied.
 */
export async function createTillFromBackup(db: EtalDb, parsed: ParsedBackup, tillName: string): Promise<Coop> {
  const source = parsed.tables['coop']?.[0] as Coop | undefined;
  if (!source) throw new BackupProblem('backup.err.noCoop');
  // The printer is this computer's (the signing key is not in the file at all: renderer/db/custody.ts).
  const { printer: _printer, ...settings } = source;
  const otherTills = withTill(source.otherTills, { id: source.tillId, name: source.tillName });
  const coop = coopSchema.parse({ ...settings, otherTills, tillId: newId(), tillName: tillName.trim(), createdAt: nowIso() });
  const copied = ['members', 'products', 'materials', 'events'] as const;
  await db.transaction('rw', [db.coop, ...copied.map((name) => db.table(name))], async () => {
    if (await db.coop.get('coop')) throw new Error('the co-op is already set up');
    await db.coop.add(coop);
    for (const name of copied) {
      const records = parsed.tables[name] ?? [];
      if (records.length > 0) await db.table(name).bulkAdd(records);
    }
  });
  // The new till's own key, made on this device, opens its chain ('key' entry).
  await tillSigner(db, coop.tillId);
  return coop;
}
