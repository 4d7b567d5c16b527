/**
 * Where Étal puts the files a person may look for: exports and backups live
 * in a visible folder (not hidden in the app's profile) so they can be found,
 * copied to a USB stick and survive an uninstall.
 */
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { resolveInsideDir } from '../security';

export type DataDirs = { dataDir: string; exportsDir: string; backupsDir: string };

/**
 * ETAL_DATA_DIR wins (tests, a till with a dedicated data disk); otherwise
 * `<Documents>/Etal`. `documentsDir` comes from Electron's app.getPath or,
 * in web mode, from the home folder.
 */
export function resolveDataDirs(env: Readonly<Record<string, string | undefined>>, documentsDir: string): DataDirs {
  const fromEnv = env['ETAL_DATA_DIR']?.trim();
  const dataDir = fromEnv ? path.resolve(fromEnv) : path.join(documentsDir, 'Etal');
  return { dataDir, exportsDir: path.join(dataDir, 'exports'), backupsDir: path.join(dataDir, 'backups') };
}

/** Where a save lands and whether an existing file there may be replaced. */
export type SaveTarget = { path: string; overwrite: boolean };

/** 'report.csv', then 'report (2).csv', 'report (3).csv'... */
export function numberedName(name: string, n: number): string {
  if (n <= 1) return name;
  const ext = path.extname(name);
  const base = ext ? name.slice(0, -ext.length) : name;
  return `${base} (${n})${ext}`;
}

async function exists(filePath: string): Promise<boolean> {
  try {
    await access(filePath);
    return true;
  } catch {
    return false;
  }
}

/**
 * The web-mode "save dialog": there is nobody to ask, so the file goes into
 * `dir` under the first free numbered name and is never replaced (the
 * handler also writes exclusively, in case another save takes the name
 * in between).
 */
export function createFolderSaveChooser(dir: string): (suggestedName: string) => Promise<SaveTarget | null> {
  return async (suggestedName) => {
    await mkdir(dir, { recursive: true });
    for (let n = 1; n <= 10_000; n += 1) {
      const candidate = resolveInsideDir(dir, numberedName(suggestedName, n));
      if (candidate === null) throw new Error(`refusing to save outside ${dir}`);
      // Also refuse a name that resolves to a sub-folder's file: exports are
      // flat, one level under the folder.
      if (path.dirname(candidate) !== path.resolve(dir)) throw new Error(`refusing to save outside ${dir}`);
      if (!(await exists(candidate))) return { path: candidate, overwrite: false };
    }
    throw new Error(`too many files named like ${suggestedName} in ${dir}`);
  };
}
