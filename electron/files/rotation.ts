/**
 * Which backups to delete after writing a new one: keep the newest 30, plus
 * the newest of every calendar month (UTC) for as far back as they go.
 * Works on the host's own index of the backups it wrote (electron/files/
 * backups.ts), dated by each file's content (its `createdAt` header, checked
 * against the host's clock when written): a file someone put in the folder,
 * whatever its name, is never a candidate.
 */
export const KEEP_LATEST = 30;

export type DatedBackup = { name: string; createdAt: string };

/** The names to delete among the backups the host wrote. */
export function backupsToDelete(backups: readonly DatedBackup[], keepLatest = KEEP_LATEST): string[] {
  // Newest first; equal dates by name so the choice is stable.
  const newest = [...backups].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  const keep = new Set(newest.slice(0, keepLatest).map((b) => b.name));
  const months = new Set<string>();
  for (const backup of newest) {
    const month = new Date(backup.createdAt).toISOString().slice(0, 7);
    if (!months.has(month)) {
      months.add(month);
      keep.add(backup.name);
    }
  }
  return newest.filter((b) => !keep.has(b.name)).map((b) => b.name).sort();
}
