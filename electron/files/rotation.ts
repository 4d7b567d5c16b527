/**
 * Which backups to delete after writing a new one: keep the newest 30, plus
 * the newest of every calendar month (UTC) for as far back as they go.
 * Only files named by shared/backup.ts backupFileName are ever considered:
 * anything else a person put in the folder is left alone.
 */
export const KEEP_LATEST = 30;

const BACKUP_NAME = /^etal-sauvegarde-(\d{4})-(\d{2})-\d{2}T\d{2}-\d{2}-\d{2}(?:-\d{3})?Z\.json$/;

export function isBackupName(name: string): boolean {
  return BACKUP_NAME.test(name);
}

/** The names to delete, given every name in the backups folder. */
export function backupsToDelete(names: readonly string[], keepLatest = KEEP_LATEST): string[] {
  // The stamp sorts as text: newest first.
  const backups = names.filter((n) => BACKUP_NAME.test(n)).sort().reverse();
  const keep = new Set(backups.slice(0, keepLatest));
  const months = new Set<string>();
  for (const name of backups) {
    const m = BACKUP_NAME.exec(name);
    const month = m ? `${m[1]}-${m[2]}` : '';
    if (!months.has(month)) {
      months.add(month);
      keep.add(name);
    }
  }
  return backups.filter((n) => !keep.has(n)).sort();
}
