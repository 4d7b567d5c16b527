/**
 * The archive an auditor can check without Étal (issue 6, item 4): for a
 * period, the journal entries and the records they cover (sales and
 * cancellations, cash movements, closings) as JSON, the sales as CSV, a
 * README explaining the canonical form and the hash chain, a manifest
 * sealing every file with its SHA-256, and `verify.mjs`, a dependency-free
 * Node script that re-checks it all and names the first entry that differs.
 *
 * The manifest is signed with the till's Ed25519 key (signature.json, the
 * public key also in the manifest); verify.mjs checks the signature with
 * Node's own crypto.
 *
 * The period is contiguous in the journal: from the first entry whose record
 * belongs to a business day on or after `from`, to the last entry whose
 * record belongs to a day on or before `to`, with everything in between.
 */
import { keyFingerprint } from './fingerprint';
import { formatAmount } from './format';
import { sha256Hex } from './journal';
import type { Signer } from './keys';
import type { ArchiveExport, CashMovement, Closing, Invoice, JournalEntry, OrderPayment, PayoutExport, Sale } from './schemas';
import type { KeyChange, Rollback } from './schemas/custody';
import type { Restore } from './schemas/restore';

/** Signs bytes with the till's Ed25519 key (hex signature); see renderer/db/custody.ts tillSigner. */
export type ArchiveSigner = Signer;

export type ArchiveInput = {
  tillId: string;
  coopName: string;
  from?: string | undefined;
  to?: string | undefined;
  createdAt: string;
  entries: readonly JournalEntry[];
  sales: readonly Sale[];
  movements: readonly CashMovement[];
  closings: readonly Closing[];
  exports?: readonly ArchiveExport[];
  orderPayments?: readonly OrderPayment[];
  invoices?: readonly Invoice[];
  payoutExports?: readonly PayoutExport[];
  /** Restored backups (journal type 'restore'): restores.json, only when the period holds one. */
  restores?: readonly Restore[];
  /** Key changes (journal type 'key'): key-changes.json, only when the period holds one. */
  keyChanges?: readonly KeyChange[];
  /** Rollbacks to an older backup (journal type 'rollback'): rollbacks.json, only when the period holds one. */
  rollbacks?: readonly Rollback[];
  /** The key that will sign the manifest (signArchive). */
  publicKeyHex: string;
};

export type Archive = { name: string; files: Record<string, string>; entries: number; from: string; to: string; firstSeq: number; lastSeq: number; lastHash: string; publicKey: string };

/** The verifier shipped in every archive. Plain ESM for Node ≥ 18, no dependency. */
export const VERIFY_SCRIPT = String.raw`#!/usr/bin/env node
// Étal archive verifier. Usage: node verify.mjs [archive folder]
// Exit code 0 when the archive is intact, 1 with the first problem otherwise.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] || dirname(fileURLToPath(import.meta.url));
const read = (name) => readFileSync(join(dir, name), 'utf8');
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

// Canonical JSON: keys sorted, no whitespace, integers only, strings NFC.
function canonical(v) {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.normalize('NFC'));
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error('not an integer: ' + v);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (typeof v === 'object') {
    const pairs = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .map((k) => [k.normalize('NFC'), v[k]])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + pairs.map(([k, x]) => JSON.stringify(k) + ':' + canonical(x)).join(',') + '}';
  }
  throw new Error('canonical JSON cannot hold ' + typeof v);
}

function fail(message) {
  console.log('FAIL: ' + message);
  process.exit(1);
}

const manifest = JSON.parse(read('manifest.json'));

// The signature: Ed25519 over the exact bytes of manifest.json, with the public key the manifest names.
const signature = JSON.parse(read('signature.json'));
if (signature.algorithm !== 'Ed25519') fail('signature.json: unknown algorithm ' + signature.algorithm);
if (!/^[0-9a-f]{64}$/.test(signature.publicKey || '') || signature.publicKey !== manifest.publicKey) fail('signature.json is not for the public key named in manifest.json');
const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(signature.publicKey, 'hex')]);
const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
if (!verify(null, readFileSync(join(dir, 'manifest.json')), publicKey, Buffer.from(signature.signature || '', 'hex'))) {
  fail('the signature of manifest.json does not match: the manifest was changed or signed with another key');
}

const entries = JSON.parse(read('journal.json'));
const records = new Map();
const recordFiles = ['sales.json', 'cash-movements.json', 'closings.json', 'exports.json', 'order-payments.json', 'invoices.json', 'payout-exports.json'];
for (const optional of ['restores.json', 'key-changes.json', 'rollbacks.json']) if (optional in manifest.files) recordFiles.push(optional);
for (const name of recordFiles) {
  for (const record of JSON.parse(read(name))) records.set(record.id, record);
}

let prev = manifest.previousHash;
let seq = manifest.firstSeq;
const used = new Set();
for (const entry of entries) {
  const label = 'entry seq ' + entry.seq + ' (' + entry.type + ' ' + entry.recordId + ')';
  if (entry.seq !== seq) fail(label + ': expected seq ' + seq + ' here (an entry was removed, added or moved)');
  if (entry.prevHash !== prev) fail(label + ': prevHash does not chain to the entry before it');
  const { hash, ...rest } = entry;
  if (sha256(prev + '|' + canonical(rest)) !== hash) fail(label + ': the entry itself was changed');
  const record = records.get(entry.recordId);
  if (record === undefined) fail(label + ': its record is missing');
  if (sha256(canonical(record)) !== entry.digest) fail(label + ': its record was changed');
  used.add(entry.recordId);
  prev = hash;
  seq += 1;
}
if (prev !== manifest.lastHash) fail('the journal ends at hash ' + prev + ', not at the last hash ' + manifest.lastHash + ' (entries removed at the end?)');
for (const id of records.keys()) if (!used.has(id)) fail('record ' + id + ' is not in the journal');
for (const [name, digest] of Object.entries(manifest.files)) {
  if (sha256(read(name)) !== digest) fail('file ' + name + ' does not match its SHA-256 in manifest.json');
}
console.log('OK: ' + entries.length + ' entries, seq ' + manifest.firstSeq + ' to ' + (seq - 1) + ', last hash ' + prev + ', signed by Ed25519 key ' + manifest.publicKey);
`;

const README = (m: { from: string; to: string; firstSeq: number; lastSeq: number; lastHash: string; publicKey: string; rollbacks: readonly Rollback[] }) => `# Archive Étal / Étal till archive

Période / period: ${m.from} → ${m.to}. Journal: seq ${m.firstSeq} → ${m.lastSeq}.
Dernière empreinte / last hash: ${m.lastHash}
Clé publique de la caisse / till public key (Ed25519): ${m.publicKey}
Empreinte de la clé / key fingerprint: ${keyFingerprint(m.publicKey)} (la même que sur les Z imprimés / the one printed on the paper Zs)
${m.rollbacks.map((r) => `\nRetour à une sauvegarde / rollback (${r.at}): ${r.replaced.entries} écriture(s) remplacée(s) / entries replaced (seq ${r.replaced.keptSeq + 1} → ${r.replaced.toSeq}, tête remplacée / replaced head ${r.replaced.lastHash}); raison / reason: ${r.reason}; par / by: ${r.by}; fichier scellé / sealed file: ${r.sealed.fileName}\n`).join('')}
## Vérifier / verify

    node verify.mjs

(Node 18 or later, no other dependency.) It prints \`OK\` or \`FAIL: …\` naming the
first journal entry that does not match, and exits with 1 on failure.

## Files

- \`journal.json\`: the journal entries, in order: \`{ seq, tillId, type, recordId, at, digest, prevHash, hash }\`.
- \`sales.json\`: sales and cancellations (type \`cancellation\`, negative amounts, \`cancelsId\`).
- \`cash-movements.json\`: cash float (\`fund\`), cash in and cash out, with their reason.
- \`closings.json\`: day closings (Z, \`kind\` \`day\`) and month and year closings
  (\`kind\` \`month\` / \`year\`, summing the day Zs), each with period total and perpetual (grand) total.
- \`order-payments.json\`, \`invoices.json\`, \`payout-exports.json\`: deposits and balances
  received for orders, invoices and credit notes, payout exports — journalled like sales.
- \`restores.json\` (only when the period holds one): each backup restored on this till, what file
  it was (name, date, SHA-256, counts) and the backup of the data from before (journal type \`restore\`).
- \`key-changes.json\` (only when the period holds one): each change of the till's signing key
  (journal type \`key\`): old and new public keys and why (first key, key moved off the co-op record,
  another device). The private key never leaves the device and is in no file.
- \`rollbacks.json\` (only when the period holds one): each explicit return to an older backup
  (journal type \`rollback\`): reason, who, the entries it replaced and the sealed file keeping them.
- \`sales.csv\`: one row per sale, \`;\`-separated, decimal comma, UTF-8 with BOM.
- \`manifest.json\`: period, first and last seq, the hash before the first entry
  (\`previousHash\`), the last hash, the till's public key and its fingerprint
  (\`keyFingerprint\`), and the SHA-256 of every other file.
- \`signature.json\`: \`{ algorithm: "Ed25519", publicKey, signature }\`, the signature
  (hex, RFC 8032) of the exact bytes of \`manifest.json\` with the till's key.

All amounts are integer cents in JSON (1234 = 12,34 €).

## Canonical form and hash chain

Canonical JSON: object keys sorted, no whitespace, integers only, strings in
Unicode NFC. \`digest\` = SHA-256 (hex) of the record's canonical JSON.
\`hash\` = SHA-256 (hex) of the UTF-8 string \`prevHash + "|" + canonical JSON of
the entry without its hash\`. The first entry of a till has \`prevHash\` = 64 zeros;
an archive of a later period starts from \`previousHash\` in the manifest.
Changing a record breaks its digest; removing, adding or moving an entry breaks
\`seq\` and the chain. The last hash is also printed on each Z report: compare
it with the paper to detect entries removed at the end.

## Signature

The till signs \`manifest.json\` with its own Ed25519 key, made on the device and
never written to any file in clear (the OS key store, or a non-extractable browser key). Since the manifest seals every file by its SHA-256, the
signature covers the whole archive. \`verify.mjs\` checks it with Node's
crypto (the raw 32-byte public key wrapped as SPKI). A forger could sign with a
key of their own: compare the key fingerprint above with the one the CAE noted
from a paper Z (SHA-256 of the raw public key, first 8 bytes, hex).
`;

const amount = (cents: number) => formatAmount(cents).replace(/[\s\u00a0\u202f]/g, '');

function salesCsv(sales: readonly Sale[]): string {
  const byId = new Map(sales.map((s) => [s.id, s]));
  const quote = (v: string) => (/[";\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = [
    ['ticket', 'type', 'business_day', 'instant_utc', 'cancels_ticket', 'ttc', 'ht', 'vat', 'payments', 'reason'],
    ...sales.map((s) => [
      String(s.ticketNumber),
      s.type,
      s.businessDay,
      s.at,
      s.cancelsId ? String(byId.get(s.cancelsId)?.ticketNumber ?? s.cancelsId) : '',
      amount(s.totals.ttc),
      amount(s.totals.ht),
      amount(s.totals.vat),
      s.payments.map((p) => `${p.method} ${amount(p.amount)}`).join(' + '),
      s.reason ?? '',
    ]),
  ];
  return `\ufeff${rows.map((r) => r.map(quote).join(';')).join('\r\n')}\r\n`;
}

export function buildArchive(input: ArchiveInput): Archive {
  const dayOf = new Map<string, string>();
  for (const r of [...input.sales, ...input.movements, ...input.closings]) dayOf.set(r.id, r.businessDay);
  for (const r of input.orderPayments ?? []) dayOf.set(r.id, r.businessDay);
  for (const r of input.invoices ?? []) dayOf.set(r.id, r.issueDay);
  for (const r of [...(input.exports ?? []), ...(input.payoutExports ?? []), ...(input.restores ?? []), ...(input.keyChanges ?? []), ...(input.rollbacks ?? [])]) dayOf.set(r.id, r.at.slice(0, 10));
  const entries = [...input.entries].sort((a, b) => a.seq - b.seq);
  const day = (e: JournalEntry) => dayOf.get(e.recordId) ?? e.at.slice(0, 10);
  const first = input.from === undefined ? 0 : entries.findIndex((e) => day(e) >= (input.from ?? ''));
  let last = entries.length - 1;
  if (input.to !== undefined) while (last >= 0 && day(entries[last] as JournalEntry) > input.to) last -= 1;
  const chosen = first >= 0 && first <= last ? entries.slice(first, last + 1) : [];
  const ids = new Set(chosen.map((e) => e.recordId));
  const pick = <T extends { id: string }>(list: readonly T[]) => list.filter((r) => ids.has(r.id));
  const sales = pick(input.sales).sort((a, b) => a.ticketNumber - b.ticketNumber);
  const from = input.from ?? (chosen[0] ? day(chosen[0]) : input.createdAt.slice(0, 10));
  const to = input.to ?? (chosen.at(-1) ? day(chosen.at(-1) as JournalEntry) : from);
  const firstSeq = chosen[0]?.seq ?? 1;
  const lastSeq = chosen.at(-1)?.seq ?? 0;
  const previousHash = chosen[0]?.prevHash ?? '0'.repeat(64);
  const lastHash = chosen.at(-1)?.hash ?? previousHash;
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  const publicKey = input.publicKeyHex;
  const rollbacks = pick(input.rollbacks ?? []);
  const files: Record<string, string> = {
    'README.md': README({ from, to, firstSeq, lastSeq, lastHash, publicKey, rollbacks }),
    'verify.mjs': VERIFY_SCRIPT,
    'journal.json': json(chosen),
    'sales.json': json(sales),
    'cash-movements.json': json(pick(input.movements)),
    'closings.json': json(pick(input.closings)),
    'exports.json': json(pick(input.exports ?? [])),
    'order-payments.json': json(pick(input.orderPayments ?? [])),
    'invoices.json': json(pick(input.invoices ?? [])),
    'payout-exports.json': json(pick(input.payoutExports ?? [])),
    'sales.csv': salesCsv(sales),
  };
  const restores = pick(input.restores ?? []);
  if (restores.length > 0) files['restores.json'] = json(restores);
  const keyChanges = pick(input.keyChanges ?? []);
  if (keyChanges.length > 0) files['key-changes.json'] = json(keyChanges);
  if (rollbacks.length > 0) files['rollbacks.json'] = json(rollbacks);
  const manifest = {
    format: 'etal-archive',
    version: 1,
    tillId: input.tillId,
    coop: input.coopName,
    from,
    to,
    createdAt: input.createdAt,
    firstSeq,
    lastSeq,
    previousHash,
    lastHash,
    publicKey,
    keyFingerprint: keyFingerprint(publicKey),
    files: Object.fromEntries(Object.entries(files).map(([name, text]) => [name, sha256Hex(text)])),
  };
  files['manifest.json'] = json(manifest);
  return { name: `etal-archive-${from}-${to}`, files, entries: chosen.length, from, to, firstSeq, lastSeq, lastHash, publicKey };
}

/** Adds signature.json: the signer's Ed25519 signature of manifest.json's exact bytes (asynchronous: outside any transaction). */
export async function signArchive(archive: Archive, signer: Signer): Promise<Archive> {
  if (signer.publicKeyHex !== archive.publicKey) throw new Error('the archive names another public key than its signer');
  const signature = await signer.sign(new TextEncoder().encode(archive.files['manifest.json'] ?? ''));
  return { ...archive, files: { ...archive.files, 'signature.json': `${JSON.stringify({ algorithm: 'Ed25519', publicKey: archive.publicKey, signature }, null, 2)}\n` } };
}
