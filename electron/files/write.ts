/** Writing files so that a crash or a name clash never loses earlier data. */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
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

/**
 * Readers (and a restore after a power cut) see either the previous file or
 * the complete new one, never a half-written one: write a temporary file in
 * the same folder, flush it to disk, then rename it over the target.
 */
export async function writeFileAtomic(filePath: string, content: string): Promise<void> {
  const dir = path.dirname(filePath);
  // Same folder so the rename stays on one file system (rename is only
  // atomic there); the leading dot keeps it out of casual listings.
  const temp = path.join(dir, `.${path.basename(filePath)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, filePath);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(dir);
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
