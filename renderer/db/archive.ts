/** Reads one till's journal and records for an archive (shared/archive.ts), as a zip. */
import { Dexie } from 'dexie';
import { buildArchive, type Archive } from '../../shared/archive';
import type { Coop } from '../../shared/schemas';
import { zipFiles } from '../../shared/zip';
import { nowIso, type EtalDb } from './db';

export async function tillArchive(db: EtalDb, coop: Coop, period: { from?: string; to?: string } = {}, at = nowIso()): Promise<Archive> {
  return db.transaction('r', [db.journal, db.sales, db.cashMovements, db.closings], async () => {
    const tillId = coop.tillId;
    const [entries, sales, movements, closings] = await Promise.all([
      db.journal.where('[tillId+seq]').between([tillId, Dexie.minKey], [tillId, Dexie.maxKey]).toArray(),
      db.sales.filter((s) => s.tillId === tillId).toArray(),
      db.cashMovements.filter((m) => m.tillId === tillId).toArray(),
      db.closings.filter((c) => c.tillId === tillId).toArray(),
    ]);
    return buildArchive({ tillId, coopName: coop.name, ...period, createdAt: at, entries, sales, movements, closings });
  });
}

export async function tillArchiveZip(db: EtalDb, coop: Coop, period: { from?: string; to?: string } = {}): Promise<{ fileName: string; bytes: Uint8Array; entries: number }> {
  const at = nowIso();
  const archive = await tillArchive(db, coop, period, at);
  const folder = Object.fromEntries(Object.entries(archive.files).map(([name, text]) => [`${archive.name}/${name}`, text]));
  return { fileName: `${archive.name}.zip`, bytes: zipFiles(folder, at), entries: archive.entries };
}
