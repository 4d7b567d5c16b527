/**
 * The tamper suite, auditor's side: archives exported by the real code
 * (tillArchiveZip), unzipped with fflate, altered by hand the way a forger
 * would (records and journal rewritten, manifest re-sealed, re-signed with a
 * key of their own), then checked by `node verify.mjs` as the archive's
 * README tells a CAE to run it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { tillArchiveZip } from '../../renderer/db/archive';
import { closeDay, recordCashMovement } from '../../renderer/db/closings';
import { recordSale } from '../../renderer/db/sales';
import { cartLine, demoDb } from '../../renderer/db/testing';
import { keyFingerprint } from '../../shared/fingerprint';
import { digestOf, entryHash, sha256Hex } from '../../shared/journal';
import type { JournalEntry } from '../../shared/schemas';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Files = Record<string, string>;
type Manifest = { lastHash: string; lastSeq: number; publicKey: string; files: Record<string, string> };

/** Two market days, each closed by a Z; returns the unzipped archive and the hashes printed on the two Zs. */
async function exportedArchive() {
  const { db, coop, product } = await demoDb();
  const garland = product('Guirlande wax 1 m');
  const sale = (at: string, method: 'cash' | 'card') => recordSale(db, coop, { cart: { lines: [cartLine(garland, 1000)] }, payments: [{ method, amount: 1200 }], at });
  await recordCashMovement(db, coop, { kind: 'fund', amount: 10000, at: '2026-12-05T08:00:00.000Z' });
  await sale('2026-12-05T09:00:00.000Z', 'cash');
  await sale('2026-12-05T10:00:00.000Z', 'card');
  const z1 = await closeDay(db, coop, { day: '2026-12-05', count: [{ value: 5000, quantity: 2 }, { value: 1000, quantity: 1 }, { value: 200, quantity: 1 }], countedBy: 'Awa', at: '2026-12-05T18:00:00.000Z' });
  await sale('2026-12-06T10:00:00.000Z', 'cash');
  await sale('2026-12-06T11:00:00.000Z', 'cash');
  const z2 = await closeDay(db, coop, { day: '2026-12-06', count: [], countedBy: 'Fatou', at: '2026-12-06T18:00:00.000Z' });
  const zip = await tillArchiveZip(db, coop);
  const unzipped = unzipSync(zip.bytes);
  const folder = zip.fileName.replace(/\.zip$/, '');
  const files: Files = {};
  for (const [name, bytes] of Object.entries(unzipped)) files[name.slice(folder.length + 1)] = Buffer.from(bytes).toString('utf8'); // keeps the CSV's BOM (TextDecoder drops it)
  return { files, z1: z1.lastJournalHash, z2: z2.lastJournalHash, fingerprint: keyFingerprint(zip.publicKey) };
}

function writeFolder(files: Files): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'etal-tamper-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Runs the archive's own verify.mjs with Node, as the README says. */
function verify(files: Files, ...args: string[]): { ok: boolean; en: string; fr: string } {
  const dir = writeFolder(files);
  const run = spawnSync(process.execPath, [path.join(dir, 'verify.mjs'), ...args], { encoding: 'utf8', timeout: 20_000 });
  const [en = '', fr = ''] = `${run.stdout}${run.stderr}`.trim().split('\n');
  return { ok: run.status === 0, en, fr };
}

const parse = <T>(files: Files, name: string) => JSON.parse(files[name] ?? 'null') as T;
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** What a forger does last: every file's SHA-256 back into the manifest, and a fresh signature with a key of their own. */
function reseal(files: Files, edit: (manifest: Manifest) => void = () => undefined): Files {
  const secret = ed25519.utils.randomSecretKey();
  const manifest = parse<Manifest>(files, 'manifest.json');
  manifest.publicKey = bytesToHex(ed25519.getPublicKey(secret));
  edit(manifest);
  manifest.files = Object.fromEntries(Object.keys(files).filter((n) => n !== 'manifest.json' && n !== 'signature.json').map((n) => [n, sha256Hex(files[n] ?? '')]));
  const manifestText = json(manifest);
  const signature = bytesToHex(ed25519.sign(new TextEncoder().encode(manifestText), secret));
  return { ...files, 'manifest.json': manifestText, 'signature.json': json({ algorithm: 'Ed25519', publicKey: manifest.publicKey, signature }) };
}

/** Re-computes every digest and hash of the journal from the records as they now are. */
function rechain(files: Files): Files {
  const records = new Map<string, unknown>();
  for (const name of ['sales.json', 'cash-movements.json', 'closings.json', 'exports.json', 'order-payments.json', 'invoices.json', 'payout-exports.json', 'key-changes.json']) {
    for (const r of parse<{ id: string }[] | null>(files, name) ?? []) records.set(r.id, r);
  }
  let prev = '0'.repeat(64);
  const journal = parse<JournalEntry[]>(files, 'journal.json').map((e) => {
    const base = { ...e, digest: digestOf(records.get(e.recordId)), prevHash: prev };
    const { hash: _old, ...rest } = base;
    prev = entryHash(rest);
    return { ...rest, hash: prev };
  });
  return reseal({ ...files, 'journal.json': json(journal) }, (m) => {
    m.lastHash = prev;
    m.lastSeq = journal.at(-1)?.seq ?? 0;
  });
}

describe('verify.mjs against a forger (issue 15, anchors)', () => {
  it('passes the archive as exported, with the key the CAE noted and the hashes of both paper Zs', async () => {
    const { files, z1, z2, fingerprint } = await exportedArchive();
    const run = verify(files, '--key', fingerprint.toLowerCase().replace(/ /g, ''), '--z-hash', z1, '--z-hash', `${z2.slice(0, 32)} ${z2.slice(32)}`);
    expect(run.en).toMatch(/^OK/);
    expect(run.ok).toBe(true);
    expect(run.en).toContain(`fingerprint ${fingerprint}, as expected`);
    expect(run.en).toMatch(/Z hashes found: [0-9a-f]{16}… seq 4 \(Z 1, 2026-12-05\), [0-9a-f]{16}… seq 7 \(Z 2, 2026-12-06\)/);
    expect(run.fr).toMatch(/^OK : 8 écritures/);
    expect(files['README.md']).toContain(`This archive says it\n  is signed by ${fingerprint}`);
    expect(run.fr).toMatch(/empreintes de Z retrouvées : [0-9a-f]{16}… n° 4 \(Z 1, 2026-12-05\)/);
    // Without --key the verifier says what to compare.
    expect(verify(files).en).toContain(`fingerprint ${fingerprint}; no --key given: check that this is the fingerprint you noted for the till`);
  });

  it('an edited, re-chained, re-signed archive passes alone but fails --key, naming both fingerprints', async () => {
    const { files, fingerprint } = await exportedArchive();
    const sales = parse<{ ticketNumber: number; totals: { ttc: number } }[]>(files, 'sales.json');
    (sales[0] as { totals: { ttc: number } }).totals.ttc = 200;
    const forged = rechain({ ...files, 'sales.json': json(sales) });
    expect(verify(forged).ok).toBe(true);
    const run = verify(forged, '--key', fingerprint);
    expect(run.ok).toBe(false);
    const signer = keyFingerprint(parse<Manifest>(forged, 'manifest.json').publicKey);
    expect(run.en).toBe(`FAIL: the archive is signed by the key ${signer}, not by the till key ${fingerprint} you gave: it was not made by that till, or it was re-signed`);
    expect(run.fr).toContain(`signée par la clé ${signer}, pas par la clé de caisse ${fingerprint}`);
  });

  it('the last day cut off (its sales, its Z and their entries) passes alone but fails --z-hash, naming the paper Z it no longer holds', async () => {
    const { files, z1, z2 } = await exportedArchive();
    const journal = parse<JournalEntry[]>(files, 'journal.json');
    const kept = journal.filter((e) => e.seq <= 4);
    const keep = <T extends { id: string }>(name: string) => json(parse<T[]>(files, name).filter((r) => kept.some((e) => e.recordId === r.id)));
    const cut = reseal({ ...files, 'journal.json': json(kept), 'sales.json': keep('sales.json'), 'closings.json': keep('closings.json'), 'exports.json': keep('exports.json') }, (m) => {
      m.lastHash = kept.at(-1)?.hash ?? '';
      m.lastSeq = 4;
    });
    expect(verify(cut).ok).toBe(true);
    const run = verify(cut, '--z-hash', z1, '--z-hash', z2);
    expect(run.ok).toBe(false);
    expect(run.en).toBe(`FAIL: the Z hash ${z2} is not in this archive's chain (seq 1 to 4, 2026-12-05 to 2026-12-06): entries were removed, or that Z is of another period`);
    expect(run.en).not.toContain(z1);
    expect(run.fr).toContain(`l’empreinte de Z ${z2} n’est pas dans la chaîne`);
    expect(verify(cut, '--z-hash', 'abc').en).toBe('FAIL: --z-hash abc is not a journal hash (64 hex digits)');
  });

  it('a record present twice, in one file or in two, fails even when the manifest is re-sealed', async () => {
    const { files } = await exportedArchive();
    const sales = parse<{ id: string }[]>(files, 'sales.json');
    const twice = verify(reseal({ ...files, 'sales.json': json([...sales, sales[1]]) }));
    expect(twice.ok).toBe(false);
    expect(twice.en).toBe(`FAIL: record ${sales[1]?.id} appears twice (sales.json and sales.json)`);
    const closings = parse<unknown[]>(files, 'closings.json');
    const across = verify(reseal({ ...files, 'closings.json': json([...closings, sales[0]]) }));
    expect(across.en).toBe(`FAIL: record ${sales[0]?.id} appears twice (sales.json and closings.json)`);
  });

  it('a record filed under another type fails, naming the entry and both files', async () => {
    const { files } = await exportedArchive();
    const [fund] = parse<{ id: string }[]>(files, 'cash-movements.json');
    const sales = parse<unknown[]>(files, 'sales.json');
    const run = verify(reseal({ ...files, 'cash-movements.json': '[]\n', 'sales.json': json([fund, ...sales]) }));
    expect(run.ok).toBe(false);
    expect(run.en).toBe(`FAIL: entry seq 1 (cash ${fund?.id}): its record is in sales.json, but a cash belongs in cash-movements.json`);
  });

  it('a file not in the manifest, or in it but absent, fails', async () => {
    const { files } = await exportedArchive();
    const extra = verify({ ...files, 'sales-corrected.csv': 'ticket;ttc\r\n1;2,00\r\n' });
    expect(extra.ok).toBe(false);
    expect(extra.en).toBe('FAIL: file sales-corrected.csv is in the archive but not listed in manifest.json');
    expect(extra.fr).toBe('ÉCHEC : le fichier sales-corrected.csv est dans l’archive mais pas dans manifest.json');
    const { 'sales.csv': _csv, ...withoutCsv } = files;
    expect(verify(withoutCsv).en).toBe('FAIL: file sales.csv is listed in manifest.json but absent');
    // Dropped from the manifest too, and re-sealed: a record file the journal needs is still required.
    const { 'cash-movements.json': _cash, ...withoutCash } = files;
    expect(verify(reseal(withoutCash)).en).toBe('FAIL: file cash-movements.json is missing from manifest.json');
  });

  it('unzips and verifies as the README says, from the command line in the archive folder', async () => {
    const { files, fingerprint, z2 } = await exportedArchive();
    const dir = mkdtempSync(path.join(tmpdir(), 'etal-readme-'));
    dirs.push(dir);
    mkdirSync(path.join(dir, 'archive'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, 'archive', name), text);
    const readme = readFileSync(path.join(dir, 'archive', 'README.md'), 'utf8');
    const command = /^ {4}(node verify\.mjs .*)$/m.exec(readme)?.[1] ?? '';
    expect(command).toBe('node verify.mjs --key "<empreinte notée / noted fingerprint>" --z-hash "<empreinte du Z / Z hash>"');
    // What the CAE types: the fingerprint it noted, the Z hash as printed on paper (two lines of 32).
    const args = command.replace(/<[^>]+>/, fingerprint).replace(/<[^>]+>/, `${z2.slice(0, 32)} ${z2.slice(32)}`).match(/"[^"]+"|\S+/g)?.map((a) => a.replace(/^"|"$/g, '')) ?? [];
    const run = spawnSync(process.execPath, args.slice(1), { cwd: path.join(dir, 'archive'), encoding: 'utf8', timeout: 20_000 });
    expect(`${run.stdout}${run.stderr}`).toMatch(/^OK: 8 entries/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^OK: 8 entries/);
  });
});
