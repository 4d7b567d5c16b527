/**
 * Reads one till's journal and records for an archive (shared/archive.ts),
 * signs it with the till's Ed25519 key, and records the export itself: once
 * the archive is built, an `export` record and its journal entry are written
 * in the same transaction, so the journal shows every archive handed out
 * (and the next archive holds it).
 */
import { Dexie } from 'dexie';
import { buildArchive, type Archive, type ArchiveSigner } from '../../shared/archive';
import { nextEntry, sha256Hex } from '../../shared/journal';
import { archiveExportSchema, type Coop } from '../../shared/schemas';
import { zipFiles } from '../../shared/zip';
import { rememberHead } from './anchors';
import { newId, nowIso, type EtalDb } from './db';
import { tillSigningKey } from './payout';
import { lastJournalEntry } from './sales';

export type ArchivePeriod = { from?: string; to?: string };

const archiveTables = (db: EtalDb) => [db.journal, db.sales, db.cashMovements, db.closings, db.exports, db.orderPayments, db.invoices, db.payoutExports, db.restores];

/** Inside a transaction over archiveTables. */
async function readAndBuild(db: EtalDb, coop: Coop, period: ArchivePeriod, at: string, signer: ArchiveSigner): Promise<Archive> {
  const tillId = coop.tillId;
  const mine = <T extends { tillId: string }>(r: T) => r.tillId === tillId;
  const [entries, sales, movements, closings, exports, orderPayments, invoices, payoutExports, restores] = await Promise.all([
    db.journal.where('[tillId+seq]').between([tillId, Dexie.minKey], [tillId, Dexie.maxKey]).toArray(),
    db.sales.filter(mine).toArray(),
    db.cashMovements.filter(mine).toArray(),
    db.closings.filter(mine).toArray(),
    db.exports.where('tillId').equals(tillId).toArray(),
    db.orderPayments.filter(mine).toArray(),
    db.invoices.filter(mine).toArray(),
    db.payoutExports.where('tillId').equals(tillId).toArray(),
    db.restores.where('tillId').equals(tillId).toArray(),
  ]);
  return buildArchive({ tillId, coopName: coop.name, ...period, createdAt: at, entries, sales, movements, closings, exports, orderPayments, invoices, payoutExports, restores, signer });
}

export async function tillArchive(db: EtalDb, coop: Coop, period: ArchivePeriod = {}, at = nowIso()): Promise<Archive> {
  // The key may be made (and saved on the co-op record) on first use: outside the read transaction.
  const signer = await tillSigningKey(db, coop);
  return db.transaction('r', archiveTables(db), () => readAndBuild(db, coop, period, at, signer));
}

/** Builds the signed archive, journals its export, and zips it (folder `etal-archive-<from>-<to>/`). */
export async function tillArchiveZip(db: EtalDb, coop: Coop, period: ArchivePeriod = {}): Promise<{ fileName: string; bytes: Uint8Array; entries: number; publicKey: string }> {
  const at = nowIso();
  const signer = await tillSigningKey(db, coop);
  const archive = await db.transaction('rw', [...archiveTables(db), db.anchors], async () => {
    const built = await readAndBuild(db, coop, period, at, signer);
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
    return built;
  });
  const folder = Object.fromEntries(Object.entries(archive.files).map(([name, text]) => [`${archive.name}/${name}`, text]));
  return { fileName: `${archive.name}.zip`, bytes: zipFiles(folder, at), entries: archive.entries, publicKey: signer.publicKeyHex };
}
