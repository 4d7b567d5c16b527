/**
 * Saves a file the app built (a quote or invoice PDF) the way the app saves
 * its other files: in Electron through the OS save dialog (the person picks
 * the folder or USB stick), in the browser as a download.
 */
import { bridgeMode, invoke } from '../../bridge';
import { assertSaveableName } from '../../file-name';

export type SaveOutcome = { saved: true; where: string } | { saved: false };

function base64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export async function saveBytes(fileName: string, bytes: Uint8Array, mime: string): Promise<SaveOutcome> {
  assertSaveableName(fileName);
  if (bridgeMode() === 'electron') {
    const result = await invoke('files:save', { suggestedName: fileName, content: base64(bytes), encoding: 'base64' });
    return result.saved ? { saved: true, where: result.path ?? fileName } : { saved: false };
  }
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { saved: true, where: fileName };
}
