// Separate file: it replaces node:fs/promises' rename for every import in it.
import type * as fsPromises from 'node:fs/promises';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createFolderSaveChooser } from './files/locations';
import { createHandlers, dispatch } from './handlers';

const control = vi.hoisted(() => ({ failRename: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>();
  return {
    ...actual,
    rename: (from: string, to: string) =>
      control.failRename ? Promise.reject(new Error('simulated crash before rename')) : actual.rename(from, to),
  };
});

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'etal-atomic-'));
  control.failRename = false;
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

it('keeps the previous backup whole when the new one cannot be put in place', async () => {
  const backupsDir = path.join(root, 'backups');
  await mkdir(backupsDir);
  await writeFile(path.join(backupsDir, 'day.json'), '{"previous":true}');
  const handlers = createHandlers({
    app: { name: 'Étal', version: '0', mode: 'web', platform: 'linux' },
    chooseSavePath: createFolderSaveChooser(path.join(root, 'exports')),
    backupsDir,
  });

  control.failRename = true;
  const result = await dispatch(handlers, 'backup:write', { reason: 'closing', fileName: 'day.json', content: '{"next":true}' });

  expect(result).toMatchObject({ saved: false, error: { code: 'io', detail: 'simulated crash before rename' } });
  await expect(readFile(path.join(backupsDir, 'day.json'), 'utf8')).resolves.toBe('{"previous":true}');
  expect(await readdir(backupsDir)).toEqual(['day.json']);
});
