/**
 * After a restore and a rollback, the archive holds their records
 * (restores.json, rollbacks.json, key-changes.json), its README names the
 * rollback, and the verifier it ships still passes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { tillArchive } from '../../renderer/db/archive';
import { createBackup, readBackup, restoreBackup, type WriteBackupResult } from '../../renderer/db/backup';
import { rollbackToBackup } from '../../renderer/db/rollback';
import { recordSale } from '../../renderer/db/sales';
import { cartLine, demoDb } from '../../renderer/db/testing';

const savedOk = (): Promise<WriteBackupResult> =>
  Promise.resolve({ saved: true, at: '2026-12-05T12:00:00.000Z', fileName: 'etal-sauvegarde-2026-12-05T12-00-00-000Z.json', sha256: 'a'.repeat(64), lastJournalHash: 'b'.repeat(64) });

it('an archive made after a restore and a rollback holds their records and the key changes, and its verify.mjs passes', async () => {
  const { db, coop, product } = await demoDb();
  const garland = product('Guirlande wax 1 m');
  await recordSale(db, coop, { cart: { lines: [cartLine(garland, 1000)] }, payments: [{ method: 'card', amount: 1200 }], at: '2026-12-05T10:00:00.000Z' });
  const file = await createBackup(db, { reason: 'manual' });
  const { restore } = await restoreBackup(db, readBackup(db, file.text), savedOk, { fileName: 'etal-sauvegarde.json', at: '2026-12-05T12:00:00.000Z' });
  await recordSale(db, coop, { cart: { lines: [cartLine(garland, 1000)] }, payments: [{ method: 'card', amount: 1200 }], at: '2026-12-05T12:30:00.000Z' });
  const sealed = { saved: true, fileName: 'etal-remplacees-x.json' };
  const { rollback } = await rollbackToBackup(db, readBackup(db, file.text), { reason: 'essai de restauration', by: 'Awa' }, { backup: savedOk, writeSealed: () => Promise.resolve(sealed) });

  const archive = await tillArchive(db, coop);
  // The rollback replaced the restore and the sale after it: the restore is only in the sealed file now.
  expect(JSON.parse(archive.files['restores.json'] ?? '[]')).toEqual([]);
  expect(restore.id).not.toBe(rollback.id);
  expect(JSON.parse(archive.files['rollbacks.json'] ?? '[]')).toEqual([rollback]);
  expect(JSON.parse(archive.files['key-changes.json'] ?? '[]')).toHaveLength(1);
  expect(JSON.parse(archive.files['journal.json'] ?? '[]')).toMatchObject([{ seq: 1, type: 'sale' }, { seq: 2, type: 'key' }, { seq: 3, type: 'rollback', recordId: rollback.id }]);
  expect(archive.files['README.md']).toContain('essai de restauration');
  expect(archive.files['README.md']).toContain('etal-remplacees-x.json');
  const dir = mkdtempSync(path.join(tmpdir(), 'etal-archive-restore-'));
  try {
    for (const [name, text] of Object.entries(archive.files)) writeFileSync(path.join(dir, name), text);
    const ok = spawnSync(process.execPath, [path.join(dir, 'verify.mjs')], { encoding: 'utf8' });
    expect(ok.stdout).toMatch(/^OK: 3 entries/);
    expect(ok.status).toBe(0);
    // Without the record the verifier names the rollback entry: the record is really checked.
    writeFileSync(path.join(dir, 'rollbacks.json'), '[]\n');
    const broken = spawnSync(process.execPath, [path.join(dir, 'verify.mjs')], { encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('FAIL');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
