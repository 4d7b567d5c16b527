/**
 * The backup file: a versioned JSON document holding every table of the
 * database, sealed by a SHA-256 and signed by the till's key.
 *
 * Format 3 (current): format 2's seal, which now also covers `publicKey`
 * (the till's Ed25519 public key, hex), and `signature`: that key's
 * signature of the seal (the UTF-8 bytes of the 64 hex digits of `sha256`),
 * outside the seal. A file whose content was changed and resealed no longer
 * matches its signature; one re-signed with another key names that key, which
 * the till's chain has never journalled. The private key is in no backup.
 * Format 2: `sha256` is the SHA-256 of the canonical JSON of the
 * whole document without its `sha256` field, so the header (createdAt,
 * reason, appVersion, co-op, till, counts, last journal hash) is covered as
 * well as the tables. Being over the canonical form, the seal ignores layout:
 * the same document re-indented or with its keys in another order is still
 * valid; any change of a value, key or string is not. Still read, shown as
 * not signed ("non signée").
 * Format 1 (first release): `sha256` covered the tables only. Still read: its
 * tables hash is checked, then it is upgraded in memory to format 2.
 *
 * A plain table dump rather than dexie-export-import: the records are small
 * JSON objects already validated by our own zod schemas, the dump must be
 * hashed in a stable form (canonicalJson, the journal's own), and the same
 * code must run in vitest's node environment, in Chromium and in Electron.
 * dexie-export-import adds its own envelope (and Blob/FileReader needs) that
 * we would have to validate and hash around anyway.
 *
 * Reading a file is hostile-input handling: everything is checked (size,
 * JSON, forbidden keys, string sizes, nesting, format and version, hash,
 * every record through its schema, every till's journal chain) before the
 * caller may touch the database. A refusal is a BackupProblem whose `key`
 * is the i18n sentence shown to the person.
 */
import { z } from 'zod';
import { canonicalJson, sha256Hex, verifyJournal } from './journal';
import { keyFingerprint } from './fingerprint';
import { legacyPublicKey, verifySignature, type Signer } from './keys';
import { keyChangeSchema, rollbackSchema, type KeyChange } from './schemas/custody';
import {
  chargeSchema,
  contributionSchema,
  customerSchema,
  invoiceSchema,
  orderPaymentSchema,
  orderSchema,
  orderStatusChangeSchema,
  payoutExportSchema,
  shiftSchema,
  archiveExportSchema,
  cashMovementSchema,
  closingSchema,
  coopSchema,
  journalEntrySchema,
  marketEventSchema,
  materialLevelSchema,
  materialMovementSchema,
  materialSchema,
  memberSchema,
  productSchema,
  productionSchema,
  purchaseSchema,
  saleSchema,
  stockLevelSchema,
  stockMovementSchema,
  type JournalEntry,
  type Sale,
} from './schemas';
import { anchorSchema } from './schemas/anchor';
import { backupReasons, restoreSchema, type BackupReason } from './schemas/restore';

export { backupReasons, type BackupReason };

export const BACKUP_FORMAT = 'etal-backup';
export const BACKUP_VERSION = 3;
/** The web host refuses bodies above 60 MB: a bigger backup could not have been written. */
export const MAX_BACKUP_CHARS = 60_000_000;
/** Above the largest field any schema allows (an inline image, 400 000). */
export const MAX_STRING_CHARS = 1_000_000;
export const MAX_DEPTH = 32;

const counterSchema = z.object({ key: z.string().min(1).max(200), value: z.number().int().min(0).refine(Number.isSafeInteger) });

/**
 * Every table's record schema. A table added later must be listed here; until then its records are kept as plain JSON objects (after
 * the size, depth and key checks), so a backup never drops data.
 */
export const recordSchemas: Readonly<Record<string, z.ZodType>> = {
  coop: coopSchema,
  members: memberSchema,
  products: productSchema,
  stockMovements: stockMovementSchema,
  stockLevels: stockLevelSchema,
  sales: saleSchema,
  journal: journalEntrySchema,
  counters: counterSchema,
  materials: materialSchema,
  materialMovements: materialMovementSchema,
  materialLevels: materialLevelSchema,
  purchases: purchaseSchema,
  productions: productionSchema,
  events: marketEventSchema,
  cashMovements: cashMovementSchema,
  closings: closingSchema,
  exports: archiveExportSchema,
  customers: customerSchema,
  orders: orderSchema,
  orderStatusChanges: orderStatusChangeSchema,
  orderPayments: orderPaymentSchema,
  contributions: contributionSchema,
  invoices: invoiceSchema,
  charges: chargeSchema,
  shifts: shiftSchema,
  payoutExports: payoutExportSchema,
  restores: restoreSchema,
  anchors: anchorSchema,
  keyChanges: keyChangeSchema,
  rollbacks: rollbackSchema,
};

/** The tables whose records the journal covers (verifyTillJournal's records map). */
export const JOURNALLED_TABLES = ['sales', 'cashMovements', 'closings', 'exports', 'invoices', 'orderPayments', 'payoutExports', 'restores', 'keyChanges', 'rollbacks'] as const;

const plainRecord = z.record(z.string(), z.unknown());

export type BackupTables = Record<string, unknown[]>;

export type BackupDocument = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  appVersion: string;
  reason: BackupReason;
  coopName: string;
  tillId: string;
  counts: Record<string, number>;
  lastJournalHash: string;
  /** Format 3: the signer's public key (sealed) and its signature of the seal (not sealed). */
  publicKey?: string | undefined;
  sha256: string;
  signature?: string | undefined;
  tables: BackupTables;
};

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

const envelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.union([z.literal(1), z.literal(2), z.literal(BACKUP_VERSION)]),
  createdAt: z.iso.datetime(),
  appVersion: z.string().max(40),
  reason: z.enum(backupReasons),
  coopName: z.string().max(120),
  tillId: z.string().max(64),
  counts: z.record(z.string().max(64), z.number().int().min(0)),
  lastJournalHash: hex64,
  publicKey: hex64.optional(),
  sha256: hex64,
  signature: z.string().regex(/^[0-9a-f]{128}$/).optional(),
  tables: z.record(z.string().max(64), z.array(z.unknown())),
});

/** A refusal: `key` is the i18n sentence, `params` fill it, `detail` is for the log. */
export class BackupProblem extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
    readonly detail = '',
  ) {
    super(`${key}${detail ? `: ${detail}` : ''}`);
  }
}

/** Format 1's seal: the tables only (kept to read format 1 files). */
export function tablesHash(tables: BackupTables): string {
  return sha256Hex(canonicalJson(tables));
}

/** Format 2's seal: the whole document but its `sha256` field (from format 3, and its `signature`), in canonical form. */
export function documentHash(doc: object): string {
  const { sha256: _sealed, ...rest } = doc as Record<string, unknown>;
  if (typeof rest['version'] === 'number' && rest['version'] >= 3) delete rest['signature'];
  return sha256Hex(canonicalJson(rest));
}

/** Format 3: signs the seal with the till's key (asynchronous: outside any transaction). */
export async function signBackup(doc: BackupDocument, signer: Signer): Promise<BackupDocument> {
  if (doc.publicKey !== signer.publicKeyHex) throw new Error('the backup names another public key than its signer');
  return { ...doc, signature: await signer.sign(new TextEncoder().encode(doc.sha256)) };
}

/** Sets `sha256` to the document's format 2 seal (also what a test uses to forge a well-sealed file). */
export function sealBackup<T extends { sha256: string }>(doc: T): T {
  doc.sha256 = documentHash(doc);
  return doc;
}

function journalOf(tables: BackupTables): JournalEntry[] {
  return (tables['journal'] ?? []) as JournalEntry[];
}

/** Verifies each till's chain against that till's sales; returns the first failure. */
export function verifyBackupJournals(tables: BackupTables): { ok: true; lastHashes: Map<string, string> } | { ok: false; tillId: string; seq: number; kind: string } {
  const entries = journalOf(tables);
  const journalled = JOURNALLED_TABLES.flatMap((name) => (tables[name] ?? []) as { id: string; tillId: string }[]);
  const tills = new Set([...entries.map((e) => e.tillId), ...journalled.map((r) => r.tillId)]);
  const lastHashes = new Map<string, string>();
  for (const tillId of [...tills].sort()) {
    const chain = entries.filter((e) => e.tillId === tillId).sort((a, b) => a.seq - b.seq);
    const records = new Map<string, unknown>(journalled.filter((r) => r.tillId === tillId).map((r) => [r.id, r] as const));
    const report = verifyJournal(chain, records);
    if (!report.ok) {
      const problem = report.problem;
      return { ok: false, tillId, seq: problem && 'seq' in problem ? problem.seq : 0, kind: problem?.kind ?? 'unknown' };
    }
    lastHashes.set(tillId, report.lastHash);
  }
  return { ok: true, lastHashes };
}

/**
 * Builds the sealed document from a dump of every table (the caller reads
 * them in one transaction); signBackup then adds the signature.
 */
export function buildBackup(tables: BackupTables, meta: { createdAt: string; appVersion: string; reason: BackupReason; publicKeyHex: string }): BackupDocument {
  const coop = (tables['coop'] ?? [])[0] as { name?: string; tillId?: string } | undefined;
  const tillId = coop?.tillId ?? '';
  const chain = journalOf(tables)
    .filter((e) => e.tillId === tillId)
    .sort((a, b) => a.seq - b.seq);
  const sortedNames = Object.keys(tables).sort();
  const sorted: BackupTables = Object.fromEntries(sortedNames.map((n) => [n, tables[n] ?? []]));
  return sealBackup({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: meta.createdAt,
    appVersion: meta.appVersion,
    reason: meta.reason,
    coopName: coop?.name ?? '',
    tillId,
    counts: Object.fromEntries(sortedNames.map((n) => [n, (tables[n] ?? []).length])),
    lastJournalHash: chain.at(-1)?.hash ?? '0'.repeat(64),
    publicKey: meta.publicKeyHex,
    sha256: '',
    tables: sorted,
  });
}

/**
 * 'etal-sauvegarde-2026-11-23T10-05-00-123Z.json': sorts by date, safe on
 * every file system. Milliseconds stay in the name: a manual backup and the
 * automatic one taken before a restore can fall in the same second, and the
 * second write would otherwise replace the first.
 */
export function backupFileName(createdAt: string): string {
  const stamp = createdAt.replace(/\.(\d{3})\d*Z$/, '-$1Z').replace(/:/g, '-');
  return `etal-sauvegarde-${stamp}.json`;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Refuses forbidden keys, oversized strings and deep nesting anywhere in the parsed value. */
function checkShape(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw new BackupProblem('backup.err.hostile', {}, 'nesting too deep');
  if (typeof value === 'string') {
    if (value.length > MAX_STRING_CHARS) throw new BackupProblem('backup.err.hostile', {}, `string of ${value.length} characters`);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) checkShape(item, depth + 1);
    return;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new BackupProblem('backup.err.hostile', {}, `key ${key}`);
    checkShape((value as Record<string, unknown>)[key], depth + 1);
  }
}

export type BackupSummary = {
  coopName: string;
  tillId: string;
  createdAt: string;
  appVersion: string;
  reason: BackupReason;
  counts: Record<string, number>;
  /** The format version of the file as read (older ones are upgraded to BACKUP_VERSION). */
  fileVersion: number;
  /** The file's own seal, as written in it. */
  sha256: string;
  lastJournalHash: string;
  /** Sales and cancellations. */
  tickets: number;
  firstSaleAt?: string;
  lastSaleAt?: string;
  /** Format 3: the key whose signature of the seal checked out; absent for older, unsigned files. */
  signedBy?: { publicKey: string; fingerprint: string };
  /** The public keys the file's own chain journalled for its till. */
  fileKeys: string[];
  /** Older files: the public key of the clear secret their co-op record held (dropped on reading). */
  legacyPublicKey?: string;
};

export type ParsedBackup = { document: BackupDocument; summary: BackupSummary; tables: BackupTables };

function where(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Reads and checks a whole backup file. `knownTables` are the database's
 * tables: a file holding another table comes from a newer Étal. Throws a
 * BackupProblem; returns the records as they will be stored (schema output).
 */
export function parseBackup(text: string, knownTables: readonly string[]): ParsedBackup {
  if (text.length > MAX_BACKUP_CHARS) throw new BackupProblem('backup.err.tooBig', {}, `${text.length} characters`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BackupProblem('backup.err.notJson', {}, error instanceof Error ? error.message : String(error));
  }
  checkShape(raw, 0);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { format?: unknown }).format !== BACKUP_FORMAT) {
    throw new BackupProblem('backup.err.notBackup');
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new BackupProblem('backup.err.notBackup', {}, 'version');
  if (version > BACKUP_VERSION) throw new BackupProblem('backup.err.newerVersion', { version });
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    throw new BackupProblem('backup.err.invalid', { where: where(issue?.path ?? []) }, issue?.message ?? '');
  }
  const doc = envelope.data;
  for (const name of Object.keys(doc.tables)) {
    if (!knownTables.includes(name)) throw new BackupProblem('backup.err.unknownTable', { table: name });
  }
  let hash: string;
  try {
    // Format 2 seals the raw document as read (a key zod would strip counts too); format 1 only its tables.
    hash = version === 1 ? tablesHash(doc.tables) : documentHash(raw);
  } catch (error) {
    throw new BackupProblem('backup.err.invalid', { where: version === 1 ? 'tables' : 'sha256' }, error instanceof Error ? error.message : String(error));
  }
  if (hash !== doc.sha256) throw new BackupProblem('backup.err.hashMismatch');
  if (version >= 3) {
    // Format 3 is always signed: a missing or wrong signature is a changed file.
    if (!doc.publicKey || !doc.signature || !verifySignature(doc.publicKey, doc.signature, doc.sha256)) throw new BackupProblem('backup.err.badSignature');
  }
  const rawCoop = (doc.tables['coop'] ?? [])[0] as { signingKey?: unknown } | undefined;
  const legacy = rawCoop ? legacyPublicKey(rawCoop.signingKey) : null;
  const tables: BackupTables = {};
  for (const [name, records] of Object.entries(doc.tables)) {
    if (doc.counts[name] !== records.length) throw new BackupProblem('backup.err.invalid', { where: `counts.${name}` });
    const schema = recordSchemas[name] ?? plainRecord;
    tables[name] = records.map((record, i) => {
      const parsed = schema.safeParse(record);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new BackupProblem('backup.err.invalid', { where: `${name}[${i}]${issue?.path.length ? `.${where(issue.path)}` : ''}` }, issue?.message ?? '');
      }
      return parsed.data;
    });
  }
  const coops = tables['coop'] ?? [];
  if (coops.length !== 1) throw new BackupProblem('backup.err.noCoop');
  const journal = verifyBackupJournals(tables);
  if (!journal.ok) throw new BackupProblem('backup.err.journalBroken', { seq: journal.seq }, `${journal.tillId}: ${journal.kind}`);
  const sales = ((tables['sales'] ?? []) as Sale[]).map((s) => s.at).sort();
  const summary: BackupSummary = {
    coopName: doc.coopName,
    tillId: doc.tillId,
    createdAt: doc.createdAt,
    appVersion: doc.appVersion,
    reason: doc.reason,
    counts: doc.counts,
    fileVersion: version,
    sha256: doc.sha256,
    lastJournalHash: doc.lastJournalHash,
    tickets: sales.length,
    ...(sales.length > 0 ? { firstSaleAt: sales[0] as string, lastSaleAt: sales.at(-1) as string } : {}),
    ...(version >= 3 && doc.publicKey ? { signedBy: { publicKey: doc.publicKey, fingerprint: keyFingerprint(doc.publicKey) } } : {}),
    fileKeys: keysOf((tables['keyChanges'] ?? []) as KeyChange[], doc.tillId),
    ...(legacy ? { legacyPublicKey: legacy } : {}),
  };
  return { document: upgrade(doc), summary, tables };
}

/** Every public key `tillId`'s key changes name, oldest first. */
export function keysOf(changes: readonly KeyChange[], tillId: string): string[] {
  const mine = changes.filter((c) => c.tillId === tillId).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return [...new Set(mine.flatMap((c) => [...(c.oldPublicKey ? [c.oldPublicKey] : []), c.newPublicKey]))];
}

/**
 * Brings a checked document of an older format to format 2, one step at a
 * time (1 → 2: same fields, the seal now covers the whole document). An older
 * file stays unsigned: only the till that wrote it could have signed it.
 */
function upgrade(doc: z.infer<typeof envelopeSchema>): BackupDocument {
  let current: BackupDocument = doc;
  if (current.version === 1) current = sealBackup({ ...current, version: 2 });
  return current;
}
