import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeFailure } from '../shared/contract';
import { createFolderSaveChooser, resolveDataDirs } from './files/locations';
import { createHandlers, dispatch, type HandlerDeps } from './handlers';
import { folderOpener, type Shell } from './open-folder';

let root: string;
let exportsDir: string;
let backupsDir: string;
/** What the stand-in for Electron's shell was asked to open. */
let opened: string[];
const shell: Shell = {
  openPath: (target) => {
    opened.push(target);
    return Promise.resolve('');
  },
};

function deps(withFolders = true): HandlerDeps {
  return {
    app: { name: 'Étal', version: '1.2.3', mode: withFolders ? 'electron' : 'web', platform: 'linux' },
    chooseSavePath: createFolderSaveChooser(exportsDir),
    backupsDir,
    ...(withFolders ? { folders: { exportsDir, open: folderOpener(shell) } } : {}),
  };
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'etal-open-folder-'));
  ({ exportsDir, backupsDir } = resolveDataDirs({ ETAL_DATA_DIR: root }, '/nonexistent-documents'));
  opened = [];
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('files:open-folder', () => {
  it('opens the exports folder, then the backups folder, creating them first', async () => {
    const handlers = createHandlers(deps());
    expect(await dispatch(handlers, 'files:open-folder', { folder: 'exports' })).toEqual({ opened: true });
    expect(await dispatch(handlers, 'files:open-folder', { folder: 'backups' })).toEqual({ opened: true });
    expect(opened).toEqual([exportsDir, backupsDir]);
  });

  it('refuses any folder but those two, naming the field, and opens nothing', async () => {
    const handlers = createHandlers(deps());
    for (const input of [{ folder: '/etc' }, { folder: '..' }, { path: exportsDir }]) {
      const error = await dispatch(handlers, 'files:open-folder', input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BridgeFailure);
      expect((error as BridgeFailure).code).toBe('invalid-input');
      expect((error as BridgeFailure).detail).toMatch(/^folder: /);
    }
    // An extra key is dropped by the schema: still only the exports folder.
    expect(await dispatch(handlers, 'files:open-folder', { folder: 'exports', path: '/bin/sh' })).toEqual({ opened: true });
    expect(opened).toEqual([exportsDir]);
  });

  it('answers "not opened" in web mode, where exports download instead', async () => {
    expect(await dispatch(createHandlers(deps(false)), 'files:open-folder', { folder: 'exports' })).toMatchObject({ opened: false, error: { code: 'unsupported' } });
    expect(opened).toEqual([]);
  });

  it('says why when the file manager cannot open the folder', async () => {
    const failing: Shell = { openPath: () => Promise.resolve('Failed to open path') };
    const handlers = createHandlers({ ...deps(), folders: { exportsDir, open: folderOpener(failing) } });
    expect(await dispatch(handlers, 'files:open-folder', { folder: 'exports' })).toEqual({ opened: false, error: { code: 'io', detail: 'Failed to open path' } });
  });
});

describe('folderOpener', () => {
  it('hands shell.openPath only an absolute path to an existing folder, never a file it would run', async () => {
    const open = folderOpener(shell);
    const file = path.join(root, 'run-me.sh');
    await writeFile(file, '#!/bin/sh\n');
    expect(await open('relative/dir')).toBe('not an absolute path');
    expect(await open(file)).toBe('not a folder');
    expect(await open(path.join(root, 'missing'))).toBe('not a folder');
    expect(await open(root)).toBe('');
    expect(opened).toEqual([root]);
  });
});
