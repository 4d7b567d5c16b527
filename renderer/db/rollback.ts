/**
 * "Revenir à cette sauvegarde" (issue 15, item 2): the explicit way back to
 * a backup whose chain of this till is older than the till's, or not a
 * prefix of it, which a plain restore refuses.
 *
 * Nothing recorded is lost: the entries the backup does not hold (after the
 * common prefix), with their records, go into a sealed file (SHA-256 over
 * its canonical form, signed by the till's key) written by the host beside
 * the backups; then the backup replaces the data and a 'rollback' entry on
 * the restored chain says why, who, what was replaced (the replaced head,
 * which a paper Z may show) and where the sealed file is. The next Z, the
 * next payout export and the next archive report it.
 */
import { JOURNALLED_TABLES, type ParsedBackup } from '../../shared/backup';
import { canonicalJson, nextEntry, sha256Hex } from '../../shared/journal';
import type { JournalEntry } from '../../shared/schemas';
import { rollbackSchema, type Rollback } from '../../shared/schemas/custody';
import { invoke } from '../bridge';
import { backupTables, compareChains, journalDeviceKey, RestoreError, tillChain, writeBackup, writeTables, type WriteBackupResult } from './backup';
import { tillSigner } from './custody';
import { newId, nowIso, type EtalDb } from './db';
import { lastJournalEntry } from './sales';

export const SEALED_FORMAT = 'etal-ecritures-remplacees' as const;

export type SealedFile = {
  format: typeof SEALED_FORMAT;
  version: 1;
  createdAt: string;
  tillId: string;
  coopName: string;
  reason: string;
  by: string;
  /** The entries kept (1 … keptSeq) are in the restored chain; these follow them in the replaced one. */
  keptSeq: number;
  entries: JournalEntry[];
  records: Record<string, unknown[]>;
  publicKey: string;
  /** SHA-256 of the canonical JSON of the file without `sha256` and `signature`. */
  sha256: string;
  /** Ed25519 signature of the 64 hex digits of `sha256`. */
  signature: string;
};

export function sealedHash(file: Omit<SealedFile, 'sha256' | 'signature'> & { sha256?: string; signature?: string }): string {
  const { sha256: _seal, signature: _signature, ...rest } = file;
  return sha256Hex(canonicalJson(rest));
}

export type RollbackInput = { reason: string; by: string; memberId?: string | undefined; fileName?: string; at?: string };

export type RollbackDeps = {
  backup?: (db: EtalDb, reason: 'before-restore') => Promise<WriteBackupResult>;
  writeSealed?: (input: { createdAt: string; content: string }) => Promise<{ saved: boolean; fileName?: string | undefined; path?: string | undefined; error?: { code: string; detail: string } | undefined }>;
};

export type RollbackResult = { rollback: Rollback; seq: number; sealed: SealedFile };

/**
 * Brings the backup back over a longer or different history of this till.
 * Refused (RestoreError, nothing written) without a reason and a who, when
 * the file is another till's or the database is empty (a plain restore
 * does), when the file's chain already extends this one (a plain restore
 * does), or if the chain moved while the sealed file was being written.
 */
export async function rollbackToBackup(db: EtalDb, parsed: ParsedBackup, input: RollbackInput, deps: RollbackDeps = {}): Promise<RollbackResult> {
  const reason = input.reason.trim();
  const by = input.by.trim();
  if (!reason) throw new RestoreError('backup.rollback.err.reason', 'no reason');
  if (!by) throw new RestoreError('backup.rollback.err.by', 'no who');
  const coop = await db.coop.get('coop');
  if (!coop || coop.tillId !== parsed.summary.tillId) throw new RestoreError('backup.rollback.err.notThisTill', 'another till');
  const tillId = coop.tillId;
  const current = await tillChain(db, tillId);
  const fileChain = ((parsed.tables['journal'] ?? []) as JournalEntry[]).filter((e) => e.tillId === tillId).sort((a, b) => a.seq - b.seq);
  const comparison = compareChains(current, fileChain);
  if (comparison.kind !== 'older' && comparison.kind !== 'diverged') throw new RestoreError('backup.rollback.err.notNeeded', comparison.kind);
  const replaced = current.slice(comparison.keptSeq);
  const head = current.at(-1) as JournalEntry;

  const safety = await (deps.backup ?? writeBackup)(db, 'before-restore');
  if (!safety.saved) throw new RestoreError('backup.err.safetyBackup', safety.detail);

  // The replaced entries' records, table by table, as they are now.
  const order = new Map(replaced.map((e, i) => [e.recordId, i]));
  const records: Record<string, unknown[]> = {};
  for (const name of JOURNALLED_TABLES) {
    const list = await db.table<{ id: string }>(name).filter((r) => order.has(r.id)).toArray();
    if (list.length > 0) records[name] = list.sort((x, y) => (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0));
  }
  const signer = await tillSigner(db, tillId);
  const at = input.at ?? nowIso();
  const unsigned: Omit<SealedFile, 'sha256' | 'signature'> = { format: SEALED_FORMAT, version: 1 as const, createdAt: at, tillId, coopName: coop.name, reason, by, keptSeq: comparison.keptSeq, entries: replaced, records, publicKey: signer.publicKeyHex };
  const seal = sealedHash(unsigned);
  const sealed: SealedFile = { ...unsigned, sha256: seal, signature: await signer.sign(new TextEncoder().encode(seal)) };
  const written = await (deps.writeSealed ?? ((x) => invoke('backup:write-sealed', x)))({ createdAt: at, content: JSON.stringify(sealed) });
  if (!written.saved || !written.fileName) throw new RestoreError('backup.rollback.err.sealed', written.error?.detail ?? 'not written');

  const s = parsed.summary;
  const rollback = rollbackSchema.parse({
    id: newId(),
    tillId,
    at,
    reason,
    by,
    ...(input.memberId ? { memberId: input.memberId } : {}),
    file: { name: (input.fileName ?? '').slice(0, 255), createdAt: s.createdAt, reason: s.reason, sha256: s.sha256, lastJournalHash: s.lastJournalHash, entries: fileChain.length },
    replaced: { keptSeq: comparison.keptSeq, toSeq: head.seq, entries: replaced.length, lastHash: head.hash },
    sealed: { fileName: written.fileName, ...(written.path ? { path: written.path.slice(0, 1000) } : {}), sha256: seal },
    before: { fileName: safety.fileName, ...(safety.path ? { path: safety.path.slice(0, 1000) } : {}), sha256: safety.sha256 },
  });
  let seq: number;
  try {
    seq = await db.transaction('rw', backupTables(db), async () => {
      // The sealed file holds the chain as it was read: a sale paid since then would be lost.
      if ((await lastJournalEntry(db, tillId))?.hash !== head.hash) throw new RestoreError('backup.rollback.err.moved', 'the journal moved');
      await writeTables(db, parsed);
      const entry = nextEntry(await lastJournalEntry(db, tillId), { tillId, type: 'rollback', recordId: rollback.id, at, record: rollback });
      await db.rollbacks.add(rollback);
      await db.journal.add(entry);
      return entry.seq;
    });
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    throw new RestoreError('backup.err.replace', error instanceof Error ? error.message : String(error));
  }
  await journalDeviceKey(db, tillId);
  return { rollback, seq, sealed };
}

/** A rollback as the Z and the payout summary report it. */
export function rollbackLine(r: Rollback): { id: string; at: string; entries: number; fromSeq: number; toSeq: number; by: string; reason: string } {
  return { id: r.id, at: r.at, entries: r.replaced.entries, fromSeq: r.replaced.keptSeq + 1, toSeq: r.replaced.toSeq, by: r.by, reason: r.reason };
}

/** This till's rollbacks after `since` (an instant; all of them without it), oldest first. */
export async function rollbacksSince(db: EtalDb, tillId: string, since?: string): Promise<Rollback[]> {
  const list = await db.rollbacks.where('tillId').equals(tillId).toArray();
  return list.filter((r) => since === undefined || r.at > since).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
