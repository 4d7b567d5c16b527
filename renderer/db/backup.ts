/**
 * Backups of the whole database and restoring one (shared/backup.ts holds
 * the format and every check of a file).
 *
 * `writeBackup(db, reason)` is what day closing and quit call; restoring
 * first writes a backup of the current database, then replaces every table
 * in ONE Dexie transaction (clear + bulkAdd) which also records the restore
 * (a `restores` record and its 'restore' journal entry on the restored
 * till's chain): if anything fails, IndexedDB rolls it all back and nothing
 * has changed.
 */
import { Dexie } from 'dexie';
import { backupFileName, buildBackup, parseBackup, signBackup, type BackupDocument, type BackupReason, type ParsedBackup } from '../../shared/backup';
import { nextEntry } from '../../shared/journal';
import type { JournalEntry } from '../../shared/schemas';
import { restoreSchema, type Restore } from '../../shared/schemas/restore';
import { invoke } from '../bridge';
import { rememberHead } from './anchors';
import { defaultCustody, journalledKeys, tillSigner } from './custody';
import { LOCAL_TABLES, newId, nowIso, type EtalDb } from './db';
import { lastJournalEntry } from './sales';

/** `tillId`'s journal, in order. */
export async function tillChain(db: EtalDb, tillId: string): Promise<JournalEntry[]> {
  return db.journal.where('[tillId+seq]').between([tillId, Dexie.minKey], [tillId, Dexie.maxKey]).toArray();
}

/** The tables a backup holds and a restore replaces: all but this device's own (its key, the basket, print counts). */
export function backupTables(db: EtalDb) {
  return db.tables.filter((table) => !LOCAL_TABLES.includes(table.name));
}

/** Reads every backed-up table in one read transaction, so the dump is one consistent moment. */
export async function dumpTables(db: EtalDb): Promise<Record<string, unknown[]>> {
  const tables = backupTables(db);
  return db.transaction('r', tables, async () => {
    const entries = await Promise.all(tables.map(async (table) => [table.name, (await table.toArray()) as unknown[]] as const));
    return Object.fromEntries(entries);
  });
}

export type BuiltBackup = { document: BackupDocument; text: string; fileName: string };

/**
 * A signed backup (format 3). The signer is made (and its key journalled)
 * before the dump, so the file's chain names the key that signed it; an
 * empty database (a new laptop before its restore) is signed by the device
 * key alone.
 */
export async function createBackup(db: EtalDb, meta: { reason: BackupReason; appVersion?: string; createdAt?: string }): Promise<BuiltBackup> {
  const coop = await db.coop.get('coop');
  const signer = coop ? await tillSigner(db, coop.tillId) : await defaultCustody(db).deviceKey();
  const tables = await dumpTables(db);
  const createdAt = meta.createdAt ?? new Date().toISOString();
  const document = await signBackup(buildBackup(tables, { createdAt, appVersion: meta.appVersion ?? '', reason: meta.reason, publicKeyHex: signer.publicKeyHex }), signer);
  const fileName = backupFileName(createdAt);
  await rememberBackupHead(db, document, fileName);
  return { document, text: JSON.stringify(document), fileName };
}

/** A backup may leave the till (written, downloaded): its head is remembered for *Vérifier le journal*. */
async function rememberBackupHead(db: EtalDb, document: BackupDocument, fileName: string): Promise<void> {
  const chain = (document.tables['journal'] ?? []) as JournalEntry[];
  const head = chain.filter((e) => e.tillId === document.tillId).reduce((seq, e) => Math.max(seq, e.seq), 0);
  if (!document.tillId) return;
  await db.transaction('rw', db.anchors, () => rememberHead(db, { tillId: document.tillId, kind: 'backup', seq: head, hash: document.lastJournalHash, name: fileName, at: document.createdAt }));
}

/** The host's version, written into the file; a backup is still made without it. */
export async function hostVersion(): Promise<string> {
  try {
    return (await invoke('app:get-info', {})).version.slice(0, 40);
  } catch {
    return '';
  }
}

const LAST_BACKUP_KEY = 'etal.lastBackup';

export type LastBackup = { at: string; path?: string; reason: BackupReason };

/** When this browser profile last wrote a backup (kept locally: it is about this device). */
export function lastBackup(): LastBackup | null {
  try {
    const raw = globalThis.localStorage?.getItem(LAST_BACKUP_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<LastBackup>;
    return typeof value.at === 'string' && typeof value.reason === 'string' ? (value as LastBackup) : null;
  } catch {
    return null;
  }
}

export function rememberBackup(value: LastBackup): void {
  try {
    globalThis.localStorage?.setItem(LAST_BACKUP_KEY, JSON.stringify(value));
    globalThis.dispatchEvent?.(new Event('etal-backup'));
  } catch {
    // Private browsing or storage full: the backup itself was written.
  }
}

declare global {
  // Declaration merging with the DOM's Window needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    /** Set in Electron only: the main process calls it before the window closes. */
    etalBackupBeforeQuit?: () => Promise<WriteBackupResult | null>;
  }
}

export type WriteBackupResult =
  | {
      saved: true;
      path?: string;
      /** The document's createdAt. */
      at: string;
      fileName: string;
      sha256: string;
      /** This till's last journal hash in the backup. */
      lastJournalHash: string;
    }
  | { saved: false; detail: string };

/**
 * Writes a full backup to the host's rotating backups folder. Never throws:
 * a failed backup must not stop a closing or a quit; the caller says so.
 */
export async function writeBackup(db: EtalDb, reason: BackupReason): Promise<WriteBackupResult> {
  try {
    const built = await createBackup(db, { reason, appVersion: await hostVersion() });
    // The host names the file: the renderer only says why it is written.
    const result = await invoke('backup:write', { reason, content: built.text });
    if (!result.saved) return { saved: false, detail: result.error?.detail ?? result.error?.code ?? 'not saved' };
    rememberBackup({ at: built.document.createdAt, reason, ...(result.path ? { path: result.path } : {}) });
    const { createdAt: at, sha256, lastJournalHash } = built.document;
    return { saved: true, at, fileName: result.name ?? built.fileName, sha256, lastJournalHash, ...(result.path ? { path: result.path } : {}) };
  } catch (error) {
    return { saved: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Checks a file's text against this database's tables (throws a BackupProblem); a file holding a device table is refused. */
export function readBackup(db: EtalDb, text: string): ParsedBackup {
  return parseBackup(
    text,
    backupTables(db).map((t) => t.name),
  );
}

/** Inside a rw transaction over backupTables: clears them and writes the backup's records. */
export async function writeTables(db: EtalDb, parsed: ParsedBackup): Promise<void> {
  const tables = backupTables(db);
  for (const table of tables) await table.clear();
  for (const table of tables) {
    const records = parsed.tables[table.name] ?? [];
    if (records.length > 0) await table.bulkAdd(records as never[]);
  }
}

/** Replaces every table with the backup's records, all or nothing (no restore record: merges and tests). */
export async function replaceAll(db: EtalDb, parsed: ParsedBackup): Promise<void> {
  await db.transaction('rw', backupTables(db), () => writeTables(db, parsed));
}

/**
 * How the file's chain for its till stands against this database's chain of
 * the same till. Only 'older' and 'diverged' refuse a plain restore: the
 * file would drop or rewrite entries that were recorded (and may be on a
 * paper Z or at the CAE).
 */
export type ChainComparison =
  | { kind: 'empty' | 'other-till' | 'same' | 'extends'; keptSeq: number }
  | { kind: 'older'; keptSeq: number; fileEntries: number; tillEntries: number }
  | { kind: 'diverged'; keptSeq: number; seq: number; fileEntries: number; tillEntries: number };

export function compareChains(current: readonly JournalEntry[], file: readonly JournalEntry[]): ChainComparison {
  let kept = 0;
  while (kept < current.length && kept < file.length && current[kept]?.hash === file[kept]?.hash) kept += 1;
  const counts = { fileEntries: file.length, tillEntries: current.length };
  if (kept < current.length && kept < file.length) return { kind: 'diverged', keptSeq: kept, seq: kept + 1, ...counts };
  if (file.length < current.length) return { kind: 'older', keptSeq: kept, ...counts };
  return { kind: file.length === current.length ? 'same' : 'extends', keptSeq: kept };
}

function fileChain(parsed: ParsedBackup, tillId: string): JournalEntry[] {
  return ((parsed.tables['journal'] ?? []) as JournalEntry[]).filter((e) => e.tillId === tillId).sort((a, b) => a.seq - b.seq);
}

/** Inside a transaction over coop and journal (or none). */
async function compareWithTill(db: EtalDb, parsed: ParsedBackup): Promise<ChainComparison> {
  const coop = await db.coop.get('coop');
  if (!coop) return { kind: 'empty', keptSeq: 0 };
  if (coop.tillId !== parsed.summary.tillId) return { kind: 'other-till', keptSeq: 0 };
  return compareChains(await tillChain(db, coop.tillId), fileChain(parsed, coop.tillId));
}

export type SignatureStatus = 'unsigned' | 'known' | 'unknown';

export type RestoreCheck = { chain: ChainComparison; signature: SignatureStatus };

/**
 * What restoring `parsed` here would do, before anything is touched: the
 * chain comparison and whether the signing key is one this till has
 * journalled (this database's chain of the file's till; with no such chain
 * here, the file's own).
 */
export async function checkRestore(db: EtalDb, parsed: ParsedBackup): Promise<RestoreCheck> {
  const chain = await compareWithTill(db, parsed);
  const signer = parsed.summary.signedBy;
  if (!signer) return { chain, signature: 'unsigned' };
  const here = await journalledKeys(db, parsed.summary.tillId);
  const known = here.length > 0 ? here : parsed.summary.fileKeys;
  return { chain, signature: known.includes(signer.publicKey) ? 'known' : 'unknown' };
}

/** The refusal of a plain restore, or null when it may go on. */
export function restoreRefusal(chain: ChainComparison): RestoreError | null {
  if (chain.kind === 'older') return new RestoreError('backup.err.refusedOlder', 'older chain', { file: chain.fileEntries, till: chain.tillEntries, count: chain.tillEntries - chain.fileEntries });
  if (chain.kind === 'diverged') return new RestoreError('backup.err.refusedDiverged', 'not a prefix', { seq: chain.seq });
  return null;
}

/** What the restore record says about the backup taken just before. */
type SafetyBackup = Extract<WriteBackupResult, { saved: true }>;

function restoreRecord(tillId: string, parsed: ParsedBackup, safety: SafetyBackup, fileName: string, at: string): Restore {
  const s = parsed.summary;
  return restoreSchema.parse({
    id: newId(),
    tillId,
    at,
    file: {
      name: fileName.slice(0, 255),
      version: s.fileVersion,
      createdAt: s.createdAt,
      reason: s.reason,
      appVersion: s.appVersion,
      tillId: s.tillId,
      sha256: s.sha256,
      lastJournalHash: s.lastJournalHash,
      counts: s.counts,
    },
    before: {
      fileName: safety.fileName,
      ...(safety.path ? { path: safety.path.slice(0, 1000) } : {}),
      createdAt: safety.at,
      sha256: safety.sha256,
      lastJournalHash: safety.lastJournalHash,
    },
  });
}

export class RestoreError extends Error {
  constructor(
    readonly key: string,
    readonly detail: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${key}: ${detail}`);
  }
}

export type RestoreResult = { safetyBackup: SafetyBackup; restore: Restore; seq: number };

/**
 * Restores a checked backup: the current database is backed up first (if
 * that fails, nothing is replaced), then every table is replaced at once and,
 * in the same transaction, the restore is recorded: a `restores` record and a
 * 'restore' journal entry following the restored chain of the restored
 * co-op's till. `backup` is injectable for tests; `fileName` is the chosen file's.
 *
 * Refused, before anything is written, when the file's chain of this till is
 * older than this database's or not a prefix of it (restoreRefusal); the
 * explicit way back is rollbackToBackup. Afterwards the device's key is
 * journalled on the restored chain if that chain names another one (a
 * restore on a new laptop).
 */
export async function restoreBackup(
  db: EtalDb,
  parsed: ParsedBackup,
  backup: (db: EtalDb, reason: BackupReason) => Promise<WriteBackupResult> = writeBackup,
  options: { fileName?: string; at?: string } = {},
): Promise<RestoreResult> {
  const refused = restoreRefusal(await compareWithTill(db, parsed));
  if (refused) throw refused;
  const safetyBackup = await backup(db, 'before-restore');
  if (!safetyBackup.saved) throw new RestoreError('backup.err.safetyBackup', safetyBackup.detail);
  let result: RestoreResult;
  try {
    result = await db.transaction('rw', backupTables(db), async () => {
      // Again inside: a sale paid since the first check would now be lost.
      const late = restoreRefusal(await compareWithTill(db, parsed));
      if (late) throw late;
      await writeTables(db, parsed);
      const coop = await db.coop.get('coop');
      if (!coop) throw new Error('the backup holds no co-op');
      const at = options.at ?? nowIso();
      const restore = restoreRecord(coop.tillId, parsed, safetyBackup, options.fileName ?? '', at);
      const entry = nextEntry(await lastJournalEntry(db, coop.tillId), { tillId: coop.tillId, type: 'restore', recordId: restore.id, at, record: restore });
      await db.restores.add(restore);
      await db.journal.add(entry);
      return { safetyBackup, restore, seq: entry.seq };
    });
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    throw new RestoreError('backup.err.replace', error instanceof Error ? error.message : String(error));
  }
  await journalDeviceKey(db, result.restore.tillId, parsed.summary.legacyPublicKey);
  return result;
}

/**
 * After a restore or a rollback: the restored chain learns this device's key
 * (never fails the restore itself). A file from before version 8 held its
 * till's key in clear: with no key journalled yet, the change names that old
 * key ('custody') so the chain says what replaced it.
 */
export async function journalDeviceKey(db: EtalDb, tillId: string, legacyPublicKey?: string): Promise<void> {
  try {
    if (legacyPublicKey && (await journalledKeys(db, tillId)).length === 0) await db.deviceKeys.put({ id: 'legacy', publicKeyHex: legacyPublicKey });
    await tillSigner(db, tillId);
  } catch (error) {
    console.warn('the device key could not be journalled after the restore', error);
  }
}
