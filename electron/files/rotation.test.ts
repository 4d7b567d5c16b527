import { describe, expect, it } from 'vitest';
import { backupFileName } from '../../shared/backup';
import { KEEP_LATEST, backupsToDelete } from './rotation';

/** One backup a day at 18:30 UTC from `start`, `days` days long. */
function daily(start: string, days: number): string[] {
  const first = Date.parse(`${start}T18:30:00.000Z`);
  return Array.from({ length: days }, (_, i) => backupFileName(new Date(first + i * 86_400_000).toISOString()));
}

describe('backupsToDelete', () => {
  it('keeps everything while there are 30 or fewer', () => {
    expect(backupsToDelete(daily('2026-01-01', KEEP_LATEST))).toEqual([]);
  });

  it('names two backups taken in the same second differently, and rotates both forms', () => {
    const a = backupFileName('2026-03-01T18:00:00.123Z');
    const b = backupFileName('2026-03-01T18:00:00.456Z');
    expect(a).toBe('etal-sauvegarde-2026-03-01T18-00-00-123Z.json');
    expect(a).not.toBe(b);
    const old = [...daily('2025-01-01', 40)].map((n) => n.replace(/-000Z/, 'Z'));
    expect(backupsToDelete([...old, a, b]).length).toBeGreaterThan(0);
  });

  it('keeps the last 30 plus the newest of each earlier month', () => {
    const names = daily('2026-01-01', 120); // 1 Jan → 30 Apr
    const deleted = new Set(backupsToDelete(names));
    const kept = names.filter((n) => !deleted.has(n));
    expect(kept.slice(-30)).toEqual(names.slice(-30));
    expect(kept.slice(0, -30)).toEqual([
      'etal-sauvegarde-2026-01-31T18-30-00-000Z.json',
      'etal-sauvegarde-2026-02-28T18-30-00-000Z.json',
      'etal-sauvegarde-2026-03-31T18-30-00-000Z.json',
    ]);
    expect(kept).toHaveLength(33);
  });

  it('is stable: running it again on what is kept deletes nothing more', () => {
    const names = daily('2025-06-15', 400);
    const deleted = new Set(backupsToDelete(names));
    const kept = names.filter((n) => !deleted.has(n));
    expect(backupsToDelete(kept)).toEqual([]);
  });

  it('never touches files it did not name', () => {
    const names = [...daily('2026-01-01', 60), 'notes.txt', 'etal-sauvegarde-copie.json', '.etal-sauvegarde-2026-01-01T18-30-00Z.json.abc.tmp'];
    const deleted = backupsToDelete(names);
    expect(deleted).toHaveLength(30);
    expect(deleted.every((n) => /^etal-sauvegarde-\d{4}-\d{2}-\d{2}T/.test(n))).toBe(true);
  });
});
