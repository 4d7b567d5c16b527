/** The archive export (renderer/db/archive.ts) checked with the verifier script it ships, run by Node as an auditor would. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tillArchive, tillArchiveZip } from '../../renderer/db/archive';
import { closeDay, recordCashMovement } from '../../renderer/db/closings';
import { cancelSale, recordSale, verifyTillJournal } from '../../renderer/db/sales';
import { cartLine, demoDb } from '../../renderer/db/testing';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function writeFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'etal-archive-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

function verify(dir: string): { ok: boolean; out: string } {
  const run = spawnSync(process.execPath, [path.join(dir, 'verify.mjs')], { encoding: 'utf8' });
  return { ok: run.status === 0, out: `${run.stdout}${run.stderr}`.trim() };
}

/** Two days: day 1 fund, 2 sales, a cancellation, a cash-out and its Z; day 2 one sale. */
async function twoDays() {
  const { db, coop, product } = await demoDb();
  const garland = product('Guirlande wax 1 m');
  await recordCashMovement(db, coop, { kind: 'fund', amount: 10000, at: '2026-12-05T08:00:00.000Z' });
  const s1 = await recordSale(db, coop, { cart: { lines: [cartLine(garland, 2000)] }, payments: [{ method: 'cash', amount: 2400 }], at: '2026-12-05T09:00:00.000Z' });
  await recordSale(db, coop, { cart: { lines: [cartLine(garland, 1000)] }, payments: [{ method: 'card', amount: 1200 }], at: '2026-12-05T10:00:00.000Z' });
  await cancelSale(db, coop, { saleId: s1.id, reason: 'Erreur', at: '2026-12-05T10:30:00.000Z' });
  await recordCashMovement(db, coop, { kind: 'out', reason: 'stallFee', amount: 2000, at: '2026-12-05T11:00:00.000Z' });
  await closeDay(db, coop, { day: '2026-12-05', count: [{ value: 5000, quantity: 1 }], countedBy: 'Awa', at: '2026-12-05T18:00:00.000Z' });
  await recordSale(db, coop, { cart: { lines: [cartLine(garland, 1000)] }, payments: [{ method: 'cash', amount: 1200 }], at: '2026-12-06T10:00:00.000Z' });
  return { db, coop };
}

describe('the archive and its verifier script', () => {
  it('passes on the intact archive and fails, naming the entry, after a changed amount, a deleted sale or two swapped entries', async () => {
    const { db, coop } = await twoDays();
    const archive = await tillArchive(db, coop, {}, '2026-12-07T09:00:00.000Z');
    expect(archive.entries).toBe(7);
    expect(Object.keys(archive.files).sort()).toEqual(['README.md', 'cash-movements.json', 'closings.json', 'exports.json', 'journal.json', 'manifest.json', 'sales.csv', 'sales.json', 'verify.mjs']);
    const intact = verify(writeFolder(archive.files));
    expect(intact).toMatchObject({ ok: true });
    expect(intact.out).toMatch(/^OK: 7 entries, seq 1 to 7/);

    const sales = JSON.parse(archive.files['sales.json'] ?? '[]') as { ticketNumber: number; totals: { ttc: number } }[];
    const changed = structuredClone(sales);
    (changed[1] as { totals: { ttc: number } }).totals.ttc = 1100;
    expect(verify(writeFolder({ ...archive.files, 'sales.json': JSON.stringify(changed) })).out).toMatch(/^FAIL: entry seq 3 \(sale [^)]+\): its record was changed/);

    const deleted = sales.filter((s) => s.ticketNumber !== 2);
    expect(verify(writeFolder({ ...archive.files, 'sales.json': JSON.stringify(deleted) })).out).toMatch(/^FAIL: entry seq 3 \(sale [^)]+\): its record is missing/);

    const journal = JSON.parse(archive.files['journal.json'] ?? '[]') as unknown[];
    [journal[2], journal[3]] = [journal[3], journal[2]];
    expect(verify(writeFolder({ ...archive.files, 'journal.json': JSON.stringify(journal) })).out).toMatch(/^FAIL: entry seq 4 \(cancellation [^)]+\): expected seq 3/);

    // A changed CSV is caught by the manifest's seal.
    expect(verify(writeFolder({ ...archive.files, 'sales.csv': archive.files['sales.csv']?.replace('24,00', '14,00') ?? '' })).out).toBe('FAIL: file sales.csv does not match its SHA-256 in manifest.json');
  });

  it('archives one period from the hash before it, and the CSV reads in a French spreadsheet', async () => {
    const { db, coop } = await twoDays();
    const day2 = await tillArchive(db, coop, { from: '2026-12-06', to: '2026-12-06' });
    expect(day2.entries).toBe(1);
    const manifest = JSON.parse(day2.files['manifest.json'] ?? '{}') as { firstSeq: number; previousHash: string };
    expect(manifest.firstSeq).toBe(7);
    expect(manifest.previousHash).toMatch(/^[0-9a-f]{64}$/);
    expect(verify(writeFolder(day2.files))).toMatchObject({ ok: true });
    const day1 = await tillArchive(db, coop, { from: '2026-12-05', to: '2026-12-05' });
    expect(day1.entries).toBe(6);
    expect(day1.files['sales.csv']?.split('\r\n')[1]).toBe('1;sale;2026-12-05;2026-12-05T09:00:00.000Z;;24,00;20,00;4,00;cash 24,00;');
    expect(day1.files['sales.csv']?.startsWith('\ufeffticket;type')).toBe(true);
    expect(verify(writeFolder(day1.files))).toMatchObject({ ok: true });
  });

  it('zips the folder so that unzip lists and checks it, and the unzipped archive verifies', async () => {
    const { db, coop } = await twoDays();
    const zip = await tillArchiveZip(db, coop);
    const dir = mkdtempSync(path.join(tmpdir(), 'etal-zip-'));
    dirs.push(dir);
    const file = path.join(dir, zip.fileName);
    writeFileSync(file, zip.bytes);
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
    mkdirSync(path.join(dir, 'out'));
    execFileSync('unzip', ['-q', file, '-d', path.join(dir, 'out')]);
    const folder = path.join(dir, 'out', zip.fileName.replace(/\.zip$/, ''));
    expect(readFileSync(path.join(folder, 'README.md'), 'utf8')).toContain('node verify.mjs');
    expect(verify(folder)).toMatchObject({ ok: true });

    // The export is journalled after the archive is built; the next archive holds it and still verifies.
    expect((await db.journal.toArray()).at(-1)?.type).toBe('export');
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true, entries: 8 });
    const next = await tillArchive(db, coop);
    expect(JSON.parse(next.files['exports.json'] ?? '[]')).toHaveLength(1);
    expect(verify(writeFolder(next.files)).out).toMatch(/^OK: 8 entries/);
  });
});
