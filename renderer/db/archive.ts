/**
 * Reads one till's journal and records for an archive (shared/archive.ts),
 * signs it with the till's Ed25519 key, and records the export itself: once
 * the archive is built, an `export` record and its journal entry are written
 * in the same transaction, so the journal shows every archive handed out
 * (and the next archive holds it).
 */
import { Dexie } from 'dexie';
import { buildArchive, signArchive, type Archive } from '../../shared/archive';
import { nextEntry, sha256Hex } from '../../shared/journal';
import { archiveExportSchema, type Coop } from '../../shared/schemas';
import { zipFiles } from '../../shared/zip';
import { rememberHead } from './anchors';
import { newId, nowIso, type EtalDb } from './db';
import { tillSigner } from './custody';
import { lastJournalEntry } from './sales';

export type ArchivePeriod = { from?: string; to?: string };

const archiveTables = (db: EtalDb) => [db.journal, db.sales, db.cashMovements, db.closings, db.exports, db.orderPayments, db.invoices, db.payoutExports, db.restores, db.keyChanges, db.rollbacks];

/** Inside a transaction over archiveTables: the archive, not signed yet. */
async function readAndBuild(db: EtalDb, coop: Coop, period: ArchivePeriod, at: string, publicKeyHex: string): Promise<Archive> {
  const tillId = coop.tillId;
  const mine = <T extends { tillId: string }>(r: T) => r.tillId === tillId;
  const [entries, sales, movements, closings, exports, orderPayments, invoices, payoutExports, restores, keyChanges, rollbacks] = await Promise.all([
    db.journal.where('[tillId+seq]').between([tillId, Dexie.minKey], [tillId, Dexie.maxKey]).toArray(),
    db.sales.filter(mine).toArray(),
    db.cashMovements.filter(mine).toArray(),
    db.closings.filter(mine).toArray(),
    db.exports.where('tillId').equals(tillId).toArray(),
    db.orderPayments.filter(mine).toArray(),
    db.invoices.filter(mine).toArray(),
    db.payoutExports.where('tillId').equals(tillId).toArray(),
    db.restores.where('tillId').equals(tillId).toArray(),
    db.keyChanges.where('tillId').equals(tillId).toArray(),
    db.rollbacks.where('tillId').equals(tillId).toArray(),
  ]);
  return buildArchive({ tillId, coopName: coop.name, ...period, createdAt: at, entries, sales, movements, closings, exports, orderPayments, invoices, payoutExports, restores, keyChanges, rollbacks, publicKeyHex });
}

export async function tillArchive(db: EtalDb, coop: Coop, period: ArchivePeriod = {}, at = nowIso()): Promise<Archive> {
  // The key may be made (and its change journalled) on first use: before the read.
  const signer = await tillSigner(db, coop.tillId);
  const built = await db.transaction('r', archiveTables(db), () => readAndBuild(db, coop, period, at, signer.publicKeyHex));
  return signArchive(built, signer);
}

/** Builds the signed archive, journals its export, and zips it (folder `etal-archive-<from>-<to>/`). */
export async function tillArchiveZip(db: EtalDb, coop: Coop, period: ArchivePeriod = {}): Promise<{ fileName: string; bytes: Uint8Array; entries: number; publicKey: string }> {
  const at = nowIso();
  const signer = await tillSigner(db, coop.tillId);
  // Read and sign first (signing is asynchronous and must not run inside a
  // transaction), then record the export: a sale paid in between follows the
  // archive's last entry, and the export record says where the archive ends.
  const archive = await signArchive(await db.transaction('r', archiveTables(db), () => readAndBuild(db, coop, period, at, signer.publicKeyHex)), signer);
  await db.transaction('rw', [db.exports, db.journal, db.anchors], async () => {
    const built = archive;
    const record = archiveExportSchema.parse({
      id: newId(),
      tillId: coop.tillId,
      at,
      from: built.from,
      to: built.to,
      firstSeq: built.firstSeq,
      lastSeq: built.lastSeq,
      lastHash: built.lastHash,
      manifestDigest: sha256Hex(built.files['manifest.json'] ?? ''),
      publicKey: signer.publicKeyHex,
    });
    const last = await lastJournalEntry(db, coop.tillId);
    await db.exports.add(record);
    await db.journal.add(nextEntry(last, { tillId: coop.tillId, type: 'export', recordId: record.id, at, record }));
    await rememberHead(db, { tillId: coop.tillId, kind: 'archive', seq: built.lastSeq, hash: built.lastHash, name: `${built.from} → ${built.to}`, at });
  });
  const folder = Object.fromEntries(Object.entries(archive.files).map(([name, text]) => [`${archive.name}/${name}`, text]));
  return { fileName: `${archive.name}.zip`, bytes: zipFiles(folder, at), entries: archive.entries, publicKey: signer.publicKeyHex };
}
