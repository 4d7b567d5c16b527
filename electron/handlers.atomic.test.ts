// Separate file: it replaces node:fs/promises' link and rename for every import in it.
import type * as fsPromises from 'node:fs/promises';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createFolderSaveChooser } from './files/locations';
import { createHandlers, dispatch } from './handlers';

const control = vi.hoisted(() => ({ failPlacing: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>();
  return {
    ...actual,
    link: (from: string, to: string) => (control.failPlacing ? Promise.reject(new Error('simulated crash before the link')) : actual.link(from, to)),
    rename: (from: string, to: string) => (control.failPlacing ? Promise.reject(new Error('simulated crash before rename')) : actual.rename(from, to)),
  };
});

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'etal-atomic-'));
  control.failPlacing = false;
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

it('keeps the previous backups whole and leaves no partial file when the new one cannot be put in place', async () => {
  const backupsDir = path.join(root, 'backups');
  const at = new Date('2026-12-04T18:00:00.000Z');
  const handlers = createHandlers({
    app: { name: 'Étal', version: '0', mode: 'web', platform: 'linux' },
    chooseSavePath: createFolderSaveChooser(path.join(root, 'exports')),
    backupsDir,
    clock: () => at,
  });
  const content = (day: string) => `{"format":"etal-backup","version":2,"createdAt":"${at.toISOString()}","day":"${day}","tables":{}}`;
  const first = await dispatch(handlers, 'backup:write', { reason: 'closing', content: content('previous') });
  expect(first).toMatchObject({ saved: true });
  const before = (await readdir(backupsDir)).sort();

  control.failPlacing = true;
  const result = await dispatch(handlers, 'backup:write', { reason: 'closing', content: content('next') });

  expect(result).toMatchObject({ saved: false, error: { code: 'io', detail: 'simulated crash before the link' } });
  expect((await readdir(backupsDir)).sort()).toEqual(before);
  await expect(readFile(path.join(backupsDir, 'etal-sauvegarde-2026-12-04T18-00-00-000Z.json'), 'utf8')).resolves.toBe(content('previous'));
});
