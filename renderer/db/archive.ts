/**
 * Reads one till's journal and records for an archive (shared/archive.ts),
 * and records the export itself: once the archive is built, an `export`
 * record and its journal entry are written in the same transaction, so the
 * journal shows every archive handed out (and the next archive holds it).
 */
import { Dexie } from 'dexie';
import { buildArchive, type Archive } from '../../shared/archive';
import { nextEntry, sha256Hex } from '../../shared/journal';
import { archiveExportSchema, type Coop } from '../../shared/schemas';
import { zipFiles } from '../../shared/zip';
import { newId, nowIso, type EtalDb } from './db';
import { lastJournalEntry } from './sales';

export async function tillArchive(db: EtalDb, coop: Coop, period: { from?: string; to?: string } = {}, at = nowIso()): Promise<Archive> {
  return db.transaction('r', [db.journal, db.sales, db.cashMovements, db.closings, db.exports], async () => {
    const tillId = coop.tillId;
    const [entries, sales, movements, closings, exports] = await Promise.all([
      db.journal.where('[tillId+seq]').between([tillId, Dexie.minKey], [tillId, Dexie.maxKey]).toArray(),
      db.sales.filter((s) => s.tillId === tillId).toArray(),
      db.cashMovements.filter((m) => m.tillId === tillId).toArray(),
      db.closings.filter((c) => c.tillId === tillId).toArray(),
      db.exports.where('tillId').equals(tillId).toArray(),
    ]);
    return buildArchive({ tillId, coopName: coop.name, ...period, createdAt: at, entries, sales, movements, closings, exports });
  });
}

/** Builds the archive, journals its export, and zips it (folder `etal-archive-<from>-<to>/`). */
export async function tillArchiveZip(db: EtalDb, coop: Coop, period: { from?: string; to?: string } = {}): Promise<{ fileName: string; bytes: Uint8Array; entries: number }> {
  const at = nowIso();
  const archive = await db.transaction('rw', [db.journal, db.sales, db.cashMovements, db.closings, db.exports], async () => {
    const built = await tillArchive(db, coop, period, at);
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
    });
    const last = await lastJournalEntry(db, coop.tillId);
    await db.exports.add(record);
    await db.journal.add(nextEntry(last, { tillId: coop.tillId, type: 'export', recordId: record.id, at, record }));
    return built;
  });
  const folder = Object.fromEntries(Object.entries(archive.files).map(([name, text]) => [`${archive.name}/${name}`, text]));
  return { fileName: `${archive.name}.zip`, bytes: zipFiles(folder, at), entries: archive.entries };
}
