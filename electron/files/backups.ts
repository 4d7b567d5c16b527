/**
 * The rotating backups folder, run by the host alone. The renderer hands
 * over a backup's content and nothing else: the host names the file (from
 * its own clock), creates it without ever replacing a file, records it in
 * its index, and rotates only files that index lists, by the date inside
 * each one. So a page (or anyone dropping files in the folder) can neither
 * overwrite a backup nor push real ones out with crafted names or dates.
 */
import { lstat, mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { backupsToDelete } from './rotation';
import { writeFileAtomic, writeFileExclusive } from './write';

/**
 * The host's list of the backups it wrote, beside the backups folder (in the
 * data folder): the folder itself holds backups only, to copy as it is.
 */
export const INDEX_FILE = '.etal-sauvegardes.json';

export function indexPathFor(backupsDir: string): string {
  return path.join(path.dirname(path.resolve(backupsDir)), INDEX_FILE);
}

const HOST_NAME = /^etal-sauvegarde-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(?:-\d{1,3})?\.json$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/**
 * How far a backup's own date may be from the host's clock. The renderer
 * dates it just before reading the tables (a season takes seconds, a slow
 * laptop maybe a minute); both run on the same machine and clock.
 */
export const CLOCK_TOLERANCE_MS = { past: 60 * 60 * 1000, future: 5 * 60 * 1000 } as const;

const entrySchema = z.object({
  name: z.string().regex(HOST_NAME),
  createdAt: z.string().regex(ISO_INSTANT),
  size: z.number().int().nonnegative(),
  reason: z.string().max(20),
});
export type BackupIndexEntry = z.infer<typeof entrySchema>;
const indexSchema = z.object({ version: z.literal(1), backups: z.array(z.unknown()) });

/** How far into a backup its header is looked for: the header fields come first. */
const HEADER_CHARS = 4096;
const FIELD = /\s*"((?:[^"\\]|\\.){1,64})"\s*:\s*("(?:[^"\\]|\\.){0,200}"|-?\d{1,16}|true|false|null)\s*([,}])/y;

/**
 * The header of a backup (shared/backup.ts: `format`, `version`, `createdAt`
 * among its first fields), read from the start of the text without parsing a
 * file that may be a whole season long: the top-level fields with plain
 * values, up to the first object or array. Null when it is not a backup.
 */
export function readBackupHeader(content: string): { version: number; createdAt: string } | null {
  const head = content.slice(0, HEADER_CHARS);
  const open = /^\s*\{/.exec(head);
  if (!open) return null;
  const fields = new Map<string, unknown>();
  FIELD.lastIndex = open[0].length;
  for (let match = FIELD.exec(head); match; match = FIELD.exec(head)) {
    try {
      fields.set(JSON.parse(`"${match[1] ?? ''}"`) as string, JSON.parse(match[2] ?? 'null'));
    } catch {
      return null;
    }
    if (match[3] === '}') break;
  }
  const version = fields.get('version');
  const createdAt = fields.get('createdAt');
  if (fields.get('format') !== 'etal-backup' || typeof version !== 'number' || !Number.isInteger(version) || version < 1) return null;
  if (typeof createdAt !== 'string' || !ISO_INSTANT.test(createdAt) || Number.isNaN(Date.parse(createdAt))) return null;
  return { version, createdAt };
}

/** 'etal-sauvegarde-2026-12-04T18-30-00-123Z.json', then '…-123Z-2.json' if a write in the same millisecond took it. */
export function hostBackupName(at: Date, attempt = 1): string {
  const stamp = at.toISOString().replace(/\.(\d{3})Z$/, '-$1Z').replace(/:/g, '-');
  return `etal-sauvegarde-${stamp}${attempt > 1 ? `-${attempt}` : ''}.json`;
}

export type BackupWriteResult = { saved: true; name: string; path: string } | { saved: false; code: 'invalid-input' | 'io'; detail: string };

export type BackupStore = {
  write: (reason: string, content: string) => Promise<BackupWriteResult>;
  /** The backups the host wrote that are still there, newest first. */
  list: (limit: number) => Promise<{ name: string; size: number; modifiedAt: string }[]>;
};

function errnoOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The backups a till wrote before the host kept an index (up to this
 * version the renderer named them): read once, when there is no index yet,
 * so an upgraded till still lists and rotates its own backups. Only plain
 * files with a backup's name and header, dated no later than now, are taken;
 * anything else in the folder stays unknown and untouched.
 */
async function adoptFolder(dir: string, now: Date): Promise<BackupIndexEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const adopted: BackupIndexEntry[] = [];
  for (const name of names.filter((n) => HOST_NAME.test(n)).sort()) {
    try {
      const info = await lstat(path.join(dir, name));
      if (!info.isFile()) continue;
      const file = await open(path.join(dir, name), 'r');
      let head: string;
      try {
        const buffer = Buffer.alloc(HEADER_CHARS);
        const { bytesRead } = await file.read(buffer, 0, HEADER_CHARS, 0);
        head = buffer.subarray(0, bytesRead).toString('utf8');
      } finally {
        await file.close();
      }
      const header = readBackupHeader(head);
      if (header && Date.parse(header.createdAt) <= now.getTime() + CLOCK_TOLERANCE_MS.future) {
        adopted.push({ name, createdAt: header.createdAt, size: info.size, reason: 'adopted' });
      }
    } catch {
      // Unreadable: left alone, as any file the host does not know.
    }
  }
  return adopted;
}

async function readIndex(indexPath: string, adopt: () => Promise<BackupIndexEntry[]>): Promise<BackupIndexEntry[]> {
  let raw: string;
  try {
    raw = await readFile(indexPath, 'utf8');
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') return [];
    const adopted = await adopt();
    if (adopted.length > 0) await writeFileAtomic(indexPath, JSON.stringify({ version: 1, backups: adopted })).catch(() => undefined);
    return adopted;
  }
  try {
    const parsed = indexSchema.parse(JSON.parse(raw));
    // An entry that does not look like one the host wrote is dropped, never acted on.
    return parsed.backups.flatMap((b) => {
      const entry = entrySchema.safeParse(b);
      return entry.success ? [entry.data] : [];
    });
  } catch (error) {
    // A damaged index forgets its files: they are then never deleted, which is the safe side.
    console.warn('backup index unreadable, starting a new one', error);
    return [];
  }
}

/** A file is still the one the host wrote when it is a plain file (not a link) of the size it wrote. */
async function stillOurs(dir: string, entry: BackupIndexEntry): Promise<{ size: number; mtime: Date } | null> {
  try {
    const info = await lstat(path.join(dir, entry.name));
    return info.isFile() && info.size === entry.size ? info : null;
  } catch {
    return null;
  }
}

export function createBackupStore(dir: string, now: () => Date = () => new Date()): BackupStore {
  const indexPath = indexPathFor(dir);
  const index = () => readIndex(indexPath, () => adoptFolder(dir, now()));
  // One operation at a time: the index is read, changed and written whole.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const write = async (reason: string, content: string): Promise<BackupWriteResult> => {
    const header = readBackupHeader(content);
    if (!header) return { saved: false, code: 'invalid-input', detail: 'content: not an Étal backup (format, version and createdAt expected first)' };
    const at = now();
    const skew = Date.parse(header.createdAt) - at.getTime();
    if (skew > CLOCK_TOLERANCE_MS.future || skew < -CLOCK_TOLERANCE_MS.past) {
      return { saved: false, code: 'invalid-input', detail: `createdAt: ${header.createdAt} is not now (${at.toISOString()}): a backup is dated when it is made` };
    }
    let name = '';
    try {
      await mkdir(dir, { recursive: true });
      for (let attempt = 1; !name; attempt += 1) {
        const candidate = hostBackupName(at, attempt);
        try {
          await writeFileExclusive(path.join(dir, candidate), content);
          name = candidate;
        } catch (error) {
          if (errnoOf(error) !== 'EEXIST' || attempt >= 100) throw error;
        }
      }
    } catch (error) {
      return { saved: false, code: 'io', detail: message(error) };
    }
    const size = Buffer.byteLength(content, 'utf8');
    // Rotation only once the new file is safely in place; a file that cannot be removed stays
    // (a full folder is better than a lost backup), and so does one changed since it was written.
    try {
      const entries = [...(await index()).filter((e) => e.name !== name), { name, createdAt: header.createdAt, size, reason }];
      const doomed = new Set(backupsToDelete(entries));
      const kept: BackupIndexEntry[] = [];
      for (const entry of entries) {
        const ours = await stillOurs(dir, entry);
        if (!ours) continue;
        if (doomed.has(entry.name)) await unlink(path.join(dir, entry.name)).catch(() => kept.push(entry));
        else kept.push(entry);
      }
      await writeFileAtomic(indexPath, JSON.stringify({ version: 1, backups: kept }));
    } catch (error) {
      console.warn('backup rotation failed', error);
    }
    return { saved: true, name, path: path.join(dir, name) };
  };

  const list = async (limit: number) => {
    const newest = [...(await index())].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    const found = [];
    for (const entry of newest) {
      if (found.length >= limit) break;
      const ours = await stillOurs(dir, entry);
      if (ours) found.push({ name: entry.name, size: ours.size, modifiedAt: ours.mtime.toISOString() });
    }
    return found;
  };

  return { write: (reason, content) => serial(() => write(reason, content)), list: (limit) => serial(() => list(limit)) };
}
