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
// Étal archive verifier. Usage:
//   node verify.mjs [archive folder] [--key "3F2A 9C01 77BE 0D4E"] [--z-hash HASH]...
// --key: the till's public-key fingerprint the CAE noted (from a Z, a payout PDF or an earlier archive).
// --z-hash: the last journal hash printed on a paper Z (repeat it for several Zs).
// Exit code 0 when the archive is intact, 1 with what is wrong otherwise.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function fail(en, fr) {
  console.log('FAIL: ' + en);
  console.log('ÉCHEC : ' + fr);
  process.exit(1);
}

const args = process.argv.slice(2);
let folder;
const zHashes = [];
let expectedKey;
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i];
  if (arg === '--z-hash' || arg === '--key') {
    const value = args[i + 1];
    if (value === undefined) fail(arg + ' needs a value', arg + ' attend une valeur');
    i += 1;
    if (arg === '--key') {
      const hex = value.replace(/[\s-]/g, '').toUpperCase();
      if (!/^[0-9A-F]{16}$/.test(hex)) fail('--key ' + value + ' is not a fingerprint (16 hex digits, e.g. 3F2A 9C01 77BE 0D4E)', '--key ' + value + ' n’est pas une empreinte de clé (16 chiffres hexadécimaux, par ex. 3F2A 9C01 77BE 0D4E)');
      expectedKey = hex.match(/.{4}/g).join(' ');
    } else {
      const hex = value.replace(/[\s:-]/g, '').toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(hex)) fail('--z-hash ' + value + ' is not a journal hash (64 hex digits)', '--z-hash ' + value + ' n’est pas une empreinte du journal (64 chiffres hexadécimaux)');
      zHashes.push(hex);
    }
  } else if (arg.startsWith('--')) {
    fail('unknown option ' + arg + ' (use --key and --z-hash)', 'option inconnue ' + arg + ' (utilisez --key et --z-hash)');
  } else if (folder === undefined) folder = arg;
  else fail('one archive folder only, got ' + folder + ' and ' + arg, 'un seul dossier d’archive, reçu ' + folder + ' et ' + arg);
}
const dir = folder || dirname(fileURLToPath(import.meta.url));
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

const manifest = JSON.parse(read('manifest.json'));

// The signature: Ed25519 over the exact bytes of manifest.json, with the public key the manifest names.
const signature = JSON.parse(read('signature.json'));
if (signature.algorithm !== 'Ed25519') fail('signature.json: unknown algorithm ' + signature.algorithm, 'signature.json : algorithme inconnu ' + signature.algorithm);
if (!/^[0-9a-f]{64}$/.test(signature.publicKey || '') || signature.publicKey !== manifest.publicKey) fail('signature.json is not for the public key named in manifest.json', 'signature.json n’est pas faite avec la clé publique nommée dans manifest.json');
const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(signature.publicKey, 'hex')]);
const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
if (!verify(null, readFileSync(join(dir, 'manifest.json')), publicKey, Buffer.from(signature.signature || '', 'hex'))) {
  fail('the signature of manifest.json does not match: the manifest was changed or signed with another key', 'la signature de manifest.json ne correspond pas : le manifeste a été modifié ou signé avec une autre clé');
}
// The fingerprint as Étal prints it: SHA-256 of the raw 32-byte key, first 8 bytes, upper-case hex, 4 groups of 4.
const fingerprint = createHash('sha256').update(Buffer.from(manifest.publicKey, 'hex')).digest('hex').slice(0, 16).toUpperCase().match(/.{4}/g).join(' ');
if (expectedKey !== undefined && fingerprint !== expectedKey) {
  fail('the archive is signed by the key ' + fingerprint + ', not by the till key ' + expectedKey + ' you gave: it was not made by that till, or it was re-signed', 'l’archive est signée par la clé ' + fingerprint + ', pas par la clé de caisse ' + expectedKey + ' indiquée : elle ne vient pas de cette caisse, ou elle a été signée à nouveau');
}

// Every file is sealed by the manifest, and the folder holds nothing else (the signature aside; the folder files some systems add are ignored).
const SYSTEM_FILES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);
const listed = manifest.files || {};
for (const name of readdirSync(dir)) {
  if (name === 'manifest.json' || name === 'signature.json' || SYSTEM_FILES.has(name)) continue;
  if (!Object.prototype.hasOwnProperty.call(listed, name)) fail('file ' + name + ' is in the archive but not listed in manifest.json', 'le fichier ' + name + ' est dans l’archive mais pas dans manifest.json');
}
const texts = new Map();
for (const name of Object.keys(listed)) {
  try {
    texts.set(name, read(name));
  } catch {
    fail('file ' + name + ' is listed in manifest.json but absent', 'le fichier ' + name + ' est dans manifest.json mais absent de l’archive');
  }
}

// Which file holds the record of each journal entry type.
const FILE_OF_TYPE = {
  sale: 'sales.json',
  cancellation: 'sales.json',
  cash: 'cash-movements.json',
  closing: 'closings.json',
  export: 'exports.json',
  orderPayment: 'order-payments.json',
  invoice: 'invoices.json',
  payout: 'payout-exports.json',
  restore: 'restores.json',
  key: 'key-changes.json',
  rollback: 'rollbacks.json',
};
// Present only when the period holds one.
const OPTIONAL_FILES = new Set(['restores.json', 'key-changes.json', 'rollbacks.json']);
const records = new Map();
for (const name of new Set(Object.values(FILE_OF_TYPE))) {
  if (!Object.prototype.hasOwnProperty.call(listed, name)) {
    if (OPTIONAL_FILES.has(name)) continue;
    fail('file ' + name + ' is missing from manifest.json', 'le fichier ' + name + ' manque dans manifest.json');
  }
  for (const record of JSON.parse(texts.get(name))) {
    const other = records.get(record.id);
    if (other !== undefined) fail('record ' + record.id + ' appears twice (' + other.file + ' and ' + name + ')', 'l’enregistrement ' + record.id + ' figure deux fois (' + other.file + ' et ' + name + ')');
    records.set(record.id, { record, file: name });
  }
}

if (!texts.has('journal.json')) fail('file journal.json is missing from manifest.json', 'le fichier journal.json manque dans manifest.json');
const entries = JSON.parse(texts.get('journal.json'));
let prev = manifest.previousHash;
let seq = manifest.firstSeq;
const used = new Map();
const heads = new Map([[prev, seq - 1]]);
for (const entry of entries) {
  const label = 'entry seq ' + entry.seq + ' (' + entry.type + ' ' + entry.recordId + ')';
  const labelFr = 'écriture n° ' + entry.seq + ' (' + entry.type + ' ' + entry.recordId + ')';
  if (entry.seq !== seq) fail(label + ': expected seq ' + seq + ' here (an entry was removed, added or moved)', labelFr + ' : n° ' + seq + ' attendu ici (une écriture a été supprimée, ajoutée ou déplacée)');
  if (entry.prevHash !== prev) fail(label + ': prevHash does not chain to the entry before it', labelFr + ' : prevHash ne suit pas l’écriture précédente');
  const { hash, ...rest } = entry;
  if (sha256(prev + '|' + canonical(rest)) !== hash) fail(label + ': the entry itself was changed', labelFr + ' : l’écriture elle-même a été modifiée');
  const found = records.get(entry.recordId);
  if (found === undefined) fail(label + ': its record is missing', labelFr + ' : son enregistrement a disparu');
  const file = FILE_OF_TYPE[entry.type];
  if (file === undefined) fail(label + ': unknown entry type ' + entry.type, labelFr + ' : type d’écriture inconnu ' + entry.type);
  if (found.file !== file) fail(label + ': its record is in ' + found.file + ', but a ' + entry.type + ' belongs in ' + file, labelFr + ' : son enregistrement est dans ' + found.file + ', mais un ' + entry.type + ' va dans ' + file);
  if (sha256(canonical(found.record)) !== entry.digest) fail(label + ': its record was changed', labelFr + ' : son enregistrement a été modifié');
  if (used.has(entry.recordId)) fail(label + ': its record is already covered by entry seq ' + used.get(entry.recordId), labelFr + ' : son enregistrement est déjà couvert par l’écriture n° ' + used.get(entry.recordId));
  used.set(entry.recordId, entry.seq);
  prev = hash;
  heads.set(hash, entry.seq);
  seq += 1;
}
if (prev !== manifest.lastHash) fail('the journal ends at hash ' + prev + ', not at the last hash ' + manifest.lastHash + ' (entries removed at the end?)', 'le journal finit à l’empreinte ' + prev + ', pas à la dernière empreinte ' + manifest.lastHash + ' (écritures supprimées à la fin ?)');
for (const id of records.keys()) if (!used.has(id)) fail('record ' + id + ' is not in the journal', 'l’enregistrement ' + id + ' n’est pas dans le journal');
for (const [name, digest] of Object.entries(listed)) {
  if (sha256(texts.get(name)) !== digest) fail('file ' + name + ' does not match its SHA-256 in manifest.json', 'le fichier ' + name + ' ne correspond pas à son SHA-256 dans manifest.json');
}

// Heads from paper Zs: each must be a hash of this chain (entries removed at the end, or a Z of another period, otherwise).
const missing = zHashes.filter((h) => !heads.has(h));
if (missing.length > 0) {
  const span = 'seq ' + manifest.firstSeq + ' to ' + (seq - 1) + ', ' + manifest.from + ' to ' + manifest.to;
  const spanFr = 'n° ' + manifest.firstSeq + ' à ' + (seq - 1) + ', du ' + manifest.from + ' au ' + manifest.to;
  fail(
    missing.map((h) => 'the Z hash ' + h + ' is not in this archive\'s chain').join('; ') + ' (' + span + '): entries were removed, or that Z is of another period',
    missing.map((h) => 'l’empreinte de Z ' + h + ' n’est pas dans la chaîne de cette archive').join(' ; ') + ' (' + spanFr + ') : des écritures ont été supprimées, ou ce Z est d’une autre période',
  );
}
const zOf = new Map();
for (const { record, file } of records.values()) if (file === 'closings.json') zOf.set(record.lastJournalHash, record);
const CLOSING_EN = { day: 'Z', month: 'month closing', year: 'year closing' };
const CLOSING_FR = { day: 'Z', month: 'clôture du mois', year: 'clôture de l’année' };
const anchored = (names, seqWord) => zHashes.map((h) => {
  const z = zOf.get(h);
  return h.slice(0, 16) + '… ' + seqWord + ' ' + heads.get(h) + (z ? ' (' + names[z.kind] + ' ' + z.number + ', ' + z.businessDay + ')' : '');
}).join(', ');
const lastSeq = seq - 1;
const keyEn = expectedKey ? ', as expected' : '; no --key given: check that this is the fingerprint you noted for the till';
const keyFr = expectedKey ? ' (celle attendue)' : ' ; sans --key : vérifiez que c’est bien l’empreinte notée pour la caisse';
console.log('OK: ' + entries.length + ' entries, seq ' + manifest.firstSeq + ' to ' + lastSeq + ', last hash ' + prev + ', signed by Ed25519 key ' + manifest.publicKey + ' (fingerprint ' + fingerprint + keyEn + ')' + (zHashes.length ? '; Z hashes found: ' + anchored(CLOSING_EN, 'seq') : ''));
console.log('OK : ' + entries.length + ' écritures, n° ' + manifest.firstSeq + ' à ' + lastSeq + ', signée par la clé ' + fingerprint + keyFr + (zHashes.length ? ' ; empreintes de Z retrouvées : ' + anchored(CLOSING_FR, 'n°') : ''));
`;

const README = (m: { from: string; to: string; firstSeq: number; lastSeq: number; lastHash: string; publicKey: string; rollbacks: readonly Rollback[] }) => {
  const fingerprint = keyFingerprint(m.publicKey);
  return `# Archive Étal / Étal till archive

Période / period: ${m.from} → ${m.to}. Journal: seq ${m.firstSeq} → ${m.lastSeq}.
Dernière empreinte / last hash: ${m.lastHash}
Clé publique de la caisse / till public key (Ed25519): ${m.publicKey}
Empreinte de la clé / key fingerprint: ${fingerprint} (la même que sur les Z imprimés / the one printed on the paper Zs)
${m.rollbacks.map((r) => `\nRetour à une sauvegarde / rollback (${r.at}): ${r.replaced.entries} écriture(s) remplacée(s) / entries replaced (seq ${r.replaced.keptSeq + 1} → ${r.replaced.toSeq}, tête remplacée / replaced head ${r.replaced.lastHash}); raison / reason: ${r.reason}; par / by: ${r.by}; fichier scellé / sealed file: ${r.sealed.fileName}\n`).join('')}
## Vérifier / verify

Avec Node 18 ou plus récent (rien d’autre à installer), dans ce dossier :
With Node 18 or later (nothing else to install), in this folder:

    node verify.mjs --key "<empreinte notée / noted fingerprint>" --z-hash "<empreinte du Z / Z hash>"

- \`--key\` : l’empreinte de clé que la CAE a notée pour cette caisse (sur un Z, le PDF
  de partage ou une archive précédente), par ex. \`--key "3F2A 9C01 77BE 0D4E"\`. Cette
  archive dit être signée par ${fingerprint} : si ce n’est pas celle que vous avez
  notée, elle ne vient pas de cette caisse. / the key fingerprint the CAE noted for
  this till (from a Z, the payout PDF or an earlier archive). This archive says it
  is signed by ${fingerprint}: if that is not the one you noted, it is not this till's.
- \`--z-hash\` : la « Dernière empreinte du journal » imprimée sur un Z papier de la
  période (les deux lignes bout à bout, espaces permis) ; répétez l’option pour
  chaque Z. / the "last journal hash" printed on a paper Z of the period (both lines
  joined, spaces allowed); repeat it for each Z.

Le script affiche \`OK\` ou \`FAIL: …\` (puis \`ÉCHEC : …\` en français) en nommant ce qui
ne va pas, et sort avec le code 1 en cas d’échec. It prints \`OK\` or \`FAIL: …\` naming
what is wrong (the first changed, missing or moved entry, a duplicated record, a file
not in the manifest, another key, a Z hash the chain does not contain), and exits
with 1 on failure. Without options it checks the archive alone (chain, files,
signature), which cannot tell a re-signed forgery from the real one.

## Ce que la CAE garde / what the CAE keeps

1. L’empreinte de clé de chaque caisse, notée une fois / each till's key fingerprint, noted once.
2. Les Z papier (ou leur photo) avec leur dernière empreinte / the paper Zs (or a photo) with their last hash.
3. Chaque archive et export reçus, tels quels / every archive and export received, as received.

Étal ne peut pas empêcher les personnes qui tiennent l’ordinateur de détruire ses
données ; il rend toute modification de ce qui a été enregistré visible à qui garde
ces trois choses. Étal cannot stop the people holding the laptop from destroying its
data; it makes any change to what was recorded visible to whoever keeps these three.

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
  (\`keyFingerprint\`), and the SHA-256 of every other file. The folder holds
  exactly these files: one more, or one missing, fails.
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
\`seq\` and the chain. Each record is in the file of its entry's type, once.
The last hash is also printed on each Z report: \`--z-hash\` checks that the chain
still holds it, which detects entries removed at the end.

## Signature

The till signs \`manifest.json\` with its own Ed25519 key, made on the device and
never written to any file in clear (the OS key store, or a non-extractable browser key).
Since the manifest seals every file by its SHA-256, the signature covers the whole
archive. \`verify.mjs\` checks it with Node's crypto (the raw 32-byte public key
wrapped as SPKI). A forger could sign with a key of their own: \`--key\` compares
the archive's key with the fingerprint the CAE noted (SHA-256 of the raw 32-byte
public key, first 8 bytes in upper-case hex, 4 groups of 4).
`;
};

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
