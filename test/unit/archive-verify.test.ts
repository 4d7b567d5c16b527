/** The archive export (renderer/db/archive.ts) checked with the verifier script it ships, run by Node as an auditor would. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tillArchive, tillArchiveZip } from '../../renderer/db/archive';
import { closeDay, recordCashMovement } from '../../renderer/db/closings';
import { createOrder, recordOrderPayment, saveCustomer } from '../../renderer/db/orders';
import { tillSigner } from '../../renderer/db/custody';
import { keyFingerprint } from '../../shared/fingerprint';
import { cancelSale, recordSale, verifyTillJournal } from '../../renderer/db/sales';
import { cartLine, demoDb } from '../../renderer/db/testing';
import { sha256Hex } from '../../shared/journal';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';

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
    // The 7 entries of the two days and the till's first key (journalled before the Z that prints it).
    expect(archive.entries).toBe(8);
    expect(Object.keys(archive.files).sort()).toEqual([
      'README.md', 'cash-movements.json', 'closings.json', 'exports.json', 'invoices.json', 'journal.json', 'key-changes.json', 'manifest.json',
      'order-payments.json', 'payout-exports.json', 'sales.csv', 'sales.json', 'signature.json', 'verify.mjs',
    ]);
    const intact = verify(writeFolder(archive.files));
    expect(intact).toMatchObject({ ok: true });
    const publicKey = (await tillSigner(db, coop.tillId)).publicKeyHex;
    expect(intact.out).toMatch(/^OK: 8 entries, seq 1 to 8/);
    expect(intact.out).toContain(`signed by Ed25519 key ${publicKey}`);
    expect(archive.files['README.md']).toContain(publicKey);
    // The fingerprint the CAE notes from a Z, in the README and the manifest (verify.mjs --key reads it there).
    expect(archive.files['README.md']).toContain(keyFingerprint(publicKey));
    expect(JSON.parse(archive.files['manifest.json'] ?? '{}')).toMatchObject({ publicKey, keyFingerprint: keyFingerprint(publicKey) });

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
    expect(verify(writeFolder({ ...archive.files, 'sales.csv': archive.files['sales.csv']?.replace('24,00', '14,00') ?? '' })).out.split('\n')[0]).toBe('FAIL: file sales.csv does not match its SHA-256 in manifest.json');
  });

  it('is signed: a manifest rewritten to match changed files, or signed with another key, fails', async () => {
    const { db, coop } = await twoDays();
    const archive = await tillArchive(db, coop, {}, '2026-12-07T09:00:00.000Z');
    const signature = JSON.parse(archive.files['signature.json'] ?? '{}') as { algorithm: string; publicKey: string; signature: string };
    expect(signature.algorithm).toBe('Ed25519');
    expect(signature.publicKey).toBe((await tillSigner(db, coop.tillId)).publicKeyHex);
    expect(signature.signature).toMatch(/^[0-9a-f]{128}$/);

    // A forger changes the CSV and updates its SHA-256 in the manifest: the seal holds, the signature does not.
    const csv = archive.files['sales.csv']?.replace('24,00', '14,00') ?? '';
    const manifest = JSON.parse(archive.files['manifest.json'] ?? '{}') as { files: Record<string, string> };
    manifest.files['sales.csv'] = sha256Hex(csv);
    const forged = { ...archive.files, 'sales.csv': csv, 'manifest.json': `${JSON.stringify(manifest, null, 2)}\n` };
    expect(verify(writeFolder(forged)).out).toMatch(/^FAIL: the signature of manifest.json does not match: the manifest was changed or signed with another key\nÉCHEC : la signature/);

    // ... and re-signs it with a key of their own, named in signature.json only.
    const own = ed25519.utils.randomSecretKey();
    const resigned = { algorithm: 'Ed25519', publicKey: bytesToHex(ed25519.getPublicKey(own)), signature: bytesToHex(ed25519.sign(new TextEncoder().encode(forged['manifest.json']), own)) };
    expect(verify(writeFolder({ ...forged, 'signature.json': JSON.stringify(resigned) })).out.split('\n')[0]).toBe('FAIL: signature.json is not for the public key named in manifest.json');

    // Without a signature the archive is refused.
    expect(verify(writeFolder({ ...archive.files, 'signature.json': JSON.stringify({ ...signature, signature: '00'.repeat(64) }) })).ok).toBe(false);
  });

  it('carries the order payments journalled on the till, and still verifies', async () => {
    const { db, coop, product } = await demoDb();
    const customer = await saveCustomer(db, { name: 'Associations de la Goutte d’Or', organisation: 'Collectif des associations', phone: '01 42 00 00 00', email: 'contact@goutte-dor.example', billingAddress: '12 rue Léon, 75018 Paris', siret: '732 829 320 00074' });
    const p = product('Guirlande wax au mètre');
    const order = await createOrder(db, coop, {
      customerId: customer.id,
      lines: [{ key: 'g', productId: p.id, name: 'Guirlande wax', unit: 'metre', quantity: 60_000, unitPrice: 1200, vatRate: 2000 }],
      dueDay: '2026-12-20',
      dueTime: '10:00',
      delivery: { kind: 'address', place: 'Square Léon, 75018 Paris' },
      notes: '',
      customerRef: '',
    }, undefined, '2026-12-05T09:00:00.000Z');
    await recordOrderPayment(db, coop, { orderId: order.id, kind: 'deposit', method: 'cash', amount: 21_600, at: '2026-12-05T09:10:00.000Z' });
    const archive = await tillArchive(db, coop);
    expect(JSON.parse(archive.files['order-payments.json'] ?? '[]')).toHaveLength(1);
    expect(verify(writeFolder(archive.files)).out).toMatch(/^OK: 2 entries/);
  });

  it('archives one period from the hash before it, and the CSV reads in a French spreadsheet', async () => {
    const { db, coop } = await twoDays();
    const day2 = await tillArchive(db, coop, { from: '2026-12-06', to: '2026-12-06' });
    expect(day2.entries).toBe(1);
    const manifest = JSON.parse(day2.files['manifest.json'] ?? '{}') as { firstSeq: number; previousHash: string };
    expect(manifest.firstSeq).toBe(8);
    expect(manifest.previousHash).toMatch(/^[0-9a-f]{64}$/);
    expect(verify(writeFolder(day2.files))).toMatchObject({ ok: true });
    const day1 = await tillArchive(db, coop, { from: '2026-12-05', to: '2026-12-05' });
    expect(day1.entries).toBe(7);
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
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true, entries: 9 });
    const next = await tillArchive(db, coop);
    expect(JSON.parse(next.files['exports.json'] ?? '[]')).toHaveLength(1);
    expect(verify(writeFolder(next.files)).out).toMatch(/^OK: 9 entries/);
  });
});
