/** A rollback is told to the CAE in the next payout export: a paragraph of its signed PDF, read back by poppler. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createBackup, readBackup, type WriteBackupResult } from '../../renderer/db/backup';
import { exportPayout } from '../../renderer/db/payout';
import { rollbackToBackup } from '../../renderer/db/rollback';
import { recordSale } from '../../renderer/db/sales';
import { cartLine, demoDb } from '../../renderer/db/testing';
import { RULES } from '../../shared/payout';

const savedOk = (): Promise<WriteBackupResult> => Promise.resolve({ saved: true, at: '2026-12-05T12:00:00.000Z', fileName: 'b.json', sha256: 'a'.repeat(64), lastJournalHash: 'b'.repeat(64) });

it('is in the next payout export’s PDF, and only in that one', async () => {
  const { db, coop, product } = await demoDb();
  const sell = (at: string) => recordSale(db, coop, { cart: { lines: [cartLine(product('Guirlande wax 1 m'), 1000)] }, payments: [{ method: 'card', amount: 1200 }], at });
  await sell('2026-12-05T10:00:00.000Z');
  const file = readBackup(db, (await createBackup(db, { reason: 'manual' })).text);
  await sell('2026-12-05T11:00:00.000Z');
  await rollbackToBackup(db, file, { reason: 'double saisie', by: 'Awa' }, { backup: savedOk, writeSealed: () => Promise.resolve({ saved: true, fileName: 'etal-remplacees-x.json' }) });
  const pdfText = async () => {
    const { files } = await exportPayout(db, coop, { from: '2026-12-01', to: '2026-12-31', eventIds: [] }, RULES.equal);
    const dir = mkdtempSync(path.join(tmpdir(), 'etal-rollback-pdf-'));
    try {
      writeFileSync(path.join(dir, 'x.pdf'), files.find((f) => f.name.endsWith('.pdf'))?.bytes ?? new Uint8Array());
      return execFileSync('pdftotext', [path.join(dir, 'x.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const first = await pdfText();
  expect(first).toContain('Retour à une sauvegarde');
  expect(first).toContain('1 écriture du journal remplacée (n° 3 à 3)');
  expect(first).toContain('Décidé par Awa : double saisie');
  expect(await pdfText()).not.toContain('Retour à une sauvegarde');
}, 30_000);
