import { describe, expect, it } from 'vitest';
import { hostBackupName } from './backups';
import { KEEP_LATEST, backupsToDelete, type DatedBackup } from './rotation';

/** One backup a day at 18:30 UTC from `start`, `days` days long. */
function daily(start: string, days: number): DatedBackup[] {
  const first = Date.parse(`${start}T18:30:00.000Z`);
  return Array.from({ length: days }, (_, i) => {
    const at = new Date(first + i * 86_400_000);
    return { name: hostBackupName(at), createdAt: at.toISOString() };
  });
}

describe('backupsToDelete', () => {
  it('keeps everything while there are 30 or fewer', () => {
    expect(backupsToDelete(daily('2026-01-01', KEEP_LATEST))).toEqual([]);
  });

  it('keeps the last 30 plus the newest of each earlier month', () => {
    const backups = daily('2026-01-01', 120); // 1 Jan → 30 Apr
    const deleted = new Set(backupsToDelete(backups));
    const kept = backups.filter((b) => !deleted.has(b.name)).map((b) => b.name);
    expect(kept.slice(-30)).toEqual(backups.slice(-30).map((b) => b.name));
    expect(kept.slice(0, -30)).toEqual([
      'etal-sauvegarde-2026-01-31T18-30-00-000Z.json',
      'etal-sauvegarde-2026-02-28T18-30-00-000Z.json',
      'etal-sauvegarde-2026-03-31T18-30-00-000Z.json',
    ]);
    expect(kept).toHaveLength(33);
  });

  it('dates backups by their content, not their names', () => {
    // Names that sort backwards: rotation must still keep the 30 newest by date.
    const backups = daily('2026-01-01', 40).map((b, i) => ({ ...b, name: `etal-sauvegarde-${String(9999 - i)}.json` }));
    const deleted = backupsToDelete(backups);
    // 1 January → 9 February: the newest 30 from 11 January hold both months' newest; 1–10 January go.
    expect(deleted.sort()).toEqual(backups.slice(0, 10).map((b) => b.name).sort());
  });

  it('is stable: running it again on what is kept deletes nothing more', () => {
    const backups = daily('2025-06-15', 400);
    const deleted = new Set(backupsToDelete(backups));
    const kept = backups.filter((b) => !deleted.has(b.name));
    expect(backupsToDelete(kept)).toEqual([]);
  });
});
