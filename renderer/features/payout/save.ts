/**
 * Saves the payout files through the host's files:save channel, the path
 * every mode has: in Electron the OS save dialog (the person may pick a USB
 * stick), in web mode the data folder's exports/ (never overwriting). The
 * host answers with the path, so the screen can say where the files are.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { invoke } from '../../bridge';
import { assertSaveableName } from '../../file-name';

export type PayoutFile = { name: string; content: string | Uint8Array };
export type SavedFile = { name: string; path: string; sha256: string };

function base64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function fileSha256(content: string | Uint8Array): string {
  return bytesToHex(sha256(typeof content === 'string' ? utf8ToBytes(content) : content));
}

/** Saves each file in turn; null when the person cancelled a save dialog (nothing recorded then). */
export async function saveFiles(files: readonly PayoutFile[]): Promise<SavedFile[] | null> {
  const saved: SavedFile[] = [];
  // All names first: a refusal must not leave half the files saved.
  files.forEach((file) => assertSaveableName(file.name));
  for (const file of files) {
    const text = typeof file.content === 'string';
    const result = await invoke('files:save', {
      suggestedName: file.name,
      content: text ? (file.content as string) : base64(file.content as Uint8Array),
      encoding: text ? 'utf8' : 'base64',
    });
    if (!result.saved) return null;
    saved.push({ name: file.name, path: result.path ?? file.name, sha256: fileSha256(file.content) });
  }
  return saved;
}

/** The folder the files went to (the common parent), for one sentence on screen. */
export function folderOf(paths: readonly string[]): string {
  const dirs = paths.map((p) => p.replace(/[\\/][^\\/]*$/, ''));
  const first = dirs[0] ?? '';
  return dirs.every((d) => d === first) ? first : '';
}
