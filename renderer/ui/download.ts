/**
 * Saves a file the app built the way a person finds it again: in Electron
 * through the OS save dialog (the person picks the folder or USB stick), in
 * the browser as a download, like any file from a web page. Every export
 * (invoice, CAE payout, archive, USB backup) goes through here.
 */
import { bridgeMode, invoke } from '../bridge';
import { assertSaveableName } from '../file-name';

export type SaveOutcome = { saved: true; where: string } | { saved: false };

export function base64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Hands the bytes to the browser as one download named `fileName`. */
export function browserDownload(fileName: string, content: Uint8Array | string, mime: string): void {
  assertSaveableName(fileName);
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function saveBytes(fileName: string, bytes: Uint8Array | string, mime: string): Promise<SaveOutcome> {
  assertSaveableName(fileName);
  if (bridgeMode() === 'electron') {
    const text = typeof bytes === 'string';
    const result = await invoke('files:save', { suggestedName: fileName, content: text ? bytes : base64(bytes), encoding: text ? 'utf8' : 'base64' });
    return result.saved ? { saved: true, where: result.path ?? fileName } : { saved: false };
  }
  browserDownload(fileName, bytes, mime);
  return { saved: true, where: fileName };
}

/** Desktop only: shows Étal's exports or backups folder in the file manager; false when it could not. */
export async function openAppFolder(folder: 'exports' | 'backups'): Promise<boolean> {
  try {
    return (await invoke('files:open-folder', { folder })).opened;
  } catch (error) {
    console.warn('files:open-folder', error);
    return false;
  }
}
