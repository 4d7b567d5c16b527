/**
 * Shows one of Étal's folders in the OS file manager. Electron's shell is
 * passed in (not imported) so the unit tests run without Electron.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';

export type Shell = { openPath: (target: string) => Promise<string> };

/**
 * The opener handed to createHandlers: only an absolute path to an existing
 * folder reaches shell.openPath (which would otherwise run a file it is
 * given); the answer is '' when opened, else the reason, as Electron gives it.
 */
export function folderOpener(shell: Shell): (dir: string) => Promise<string> {
  return async (dir) => {
    if (!path.isAbsolute(dir)) return 'not an absolute path';
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory()) return 'not a folder';
    return shell.openPath(dir);
  };
}
