/** Writing files so that a crash or a name clash never loses earlier data. */
import { randomBytes } from 'node:crypto';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `data` to `filePath`. With `overwrite: false` an existing file is
 * never touched: the open fails with EEXIST (O_EXCL, which also refuses to
 * follow a symlink planted at that name). A failed write removes its own
 * partial file.
 */
export async function writeFileData(filePath: string, data: Uint8Array, options: { overwrite: boolean }): Promise<void> {
  const handle = await open(filePath, options.overwrite ? 'w' : 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    if (!options.overwrite) await unlink(filePath).catch(() => undefined);
    throw error;
  }
  await handle.close();
}

/** A flushed temporary file beside `filePath` (same folder, so renaming or linking it stays on one file system). */
async function writeTemp(filePath: string, content: string): Promise<string> {
  // The leading dot keeps it out of casual listings.
  const temp = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return temp;
}

/**
 * Readers (and a restore after a power cut) see either the previous file or
 * the complete new one, never a half-written one: write a temporary file in
 * the same folder, flush it to disk, then rename it over the target.
 */
export async function writeFileAtomic(filePath: string, content: string): Promise<void> {
  const temp = await writeTemp(filePath, content);
  try {
    await rename(temp, filePath);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(path.dirname(filePath));
}

function errnoOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/**
 * Complete or absent, like writeFileAtomic, and never over an existing file:
 * the flushed temporary file is hard-linked to the name (link fails with
 * EEXIST rather than replace). Where the file system has no hard links
 * (FAT), a rename after checking the name is free: callers serialise their
 * writes, so only another program could take the name in between.
 */
export async function writeFileExclusive(filePath: string, content: string): Promise<void> {
  const temp = await writeTemp(filePath, content);
  try {
    try {
      await link(temp, filePath);
    } catch (error) {
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes(errnoOf(error))) throw error;
      if (await stat(filePath).then(() => true, () => false)) throw Object.assign(new Error(`${filePath} exists`), { code: 'EEXIST' });
      await rename(temp, filePath);
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncDir(path.dirname(filePath));
}

/** Makes the rename itself durable; folders cannot be opened on Windows, hence best effort. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported on this platform: the data itself is already flushed.
  }
}

/**
 * Decodes the bridge's file content. Buffer.from(s, 'base64') silently skips
 * invalid characters, which would write a corrupt PDF without a word: check
 * strictly first and return null instead.
 */
export function decodeContent(content: string, encoding: 'utf8' | 'base64'): Uint8Array | null {
  if (encoding === 'utf8') return Buffer.from(content, 'utf8');
  const compact = content.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}
