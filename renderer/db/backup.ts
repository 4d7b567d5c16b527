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
import { backupFileName, buildBackup, parseBackup, type BackupDocument, type BackupReason, type ParsedBackup } from '../../shared/backup';
import { nextEntry } from '../../shared/journal';
import { restoreSchema, type Restore } from '../../shared/schemas/restore';
import { invoke } from '../bridge';
import { LOCAL_TABLES, newId, nowIso, type EtalDb } from './db';
import { lastJournalEntry } from './sales';

/** Every table a backup holds: all but the device-local ones (the basket, print counts). */
function backedUpTables(db: EtalDb) {
  return db.tables.filter((table) => !LOCAL_TABLES.includes(table.name));
}

/** Reads every backed-up table in one read transaction, so the dump is one consistent moment. */
export async function dumpTables(db: EtalDb): Promise<Record<string, unknown[]>> {
  const tables = backedUpTables(db);
  return db.transaction('r', tables, async () => {
    const entries = await Promise.all(tables.map(async (table) => [table.name, (await table.toArray()) as unknown[]] as const));
    return Object.fromEntries(entries);
  });
}

export type BuiltBackup = { document: BackupDocument; text: string; fileName: string };

export async function createBackup(db: EtalDb, meta: { reason: BackupReason; appVersion?: string; createdAt?: string }): Promise<BuiltBackup> {
  const tables = await dumpTables(db);
  const createdAt = meta.createdAt ?? new Date().toISOString();
  const document = buildBackup(tables, { createdAt, appVersion: meta.appVersion ?? '', reason: meta.reason });
  return { document, text: JSON.stringify(document), fileName: backupFileName(createdAt) };
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

/** Checks a file's text against this database's tables (throws a BackupProblem). */
export function readBackup(db: EtalDb, text: string): ParsedBackup {
  return parseBackup(
    text,
    backedUpTables(db).map((t) => t.name),
  );
}

/** Inside a rw transaction over every table: clears them and writes the backup's records. */
async function writeTables(db: EtalDb, parsed: ParsedBackup): Promise<void> {
  for (const table of db.tables) await table.clear();
  for (const table of db.tables) {
    const records = parsed.tables[table.name] ?? [];
    if (records.length > 0) await table.bulkAdd(records as never[]);
  }
}

/** Replaces every table with the backup's records, all or nothing (no restore record: merges and tests). */
export async function replaceAll(db: EtalDb, parsed: ParsedBackup): Promise<void> {
  await db.transaction('rw', db.tables, () => writeTables(db, parsed));
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
 */
export async function restoreBackup(
  db: EtalDb,
  parsed: ParsedBackup,
  backup: (db: EtalDb, reason: BackupReason) => Promise<WriteBackupResult> = writeBackup,
  options: { fileName?: string; at?: string } = {},
): Promise<RestoreResult> {
  const safetyBackup = await backup(db, 'before-restore');
  if (!safetyBackup.saved) throw new RestoreError('backup.err.safetyBackup', safetyBackup.detail);
  try {
    return await db.transaction('rw', db.tables, async () => {
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
    throw new RestoreError('backup.err.replace', error instanceof Error ? error.message : String(error));
  }
}
