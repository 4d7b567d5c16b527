/**
 * Key custody on the journal (issue 15, items 1 and 2).
 *
 * A key change ('key' entry): the till's Ed25519 signing key is made on the
 * device and never leaves it in clear, so a till restored or set up on
 * another laptop, or moved off the old key kept on the co-op record, signs
 * with a new key from then on; the entry says which public key replaced which
 * and why, so an auditor holding an older fingerprint can follow the change.
 *
 * A rollback ('rollback' entry): the explicit "Revenir à cette sauvegarde"
 * when the backup's chain is older than, or not a prefix of, the till's. It
 * is written on the restored chain and names the replaced entries, which are
 * kept in a sealed (hashed and signed) file beside the backups.
 */
import { z } from 'zod';
import { id, instant } from './common';
import { backupReasons } from './restore';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const publicKey = hex64;

/**
 * first: the first key of a new till's chain; custody: the key kept in clear
 * on the co-op record (and so in every backup) was replaced at the upgrade;
 * new-device: the chain's last key is not on this device (restored or set up
 * on another laptop, browser data cleared).
 */
export const keyChangeReasons = ['first', 'custody', 'new-device'] as const;
export type KeyChangeReason = (typeof keyChangeReasons)[number];

export const keyChangeSchema = z.object({
  id,
  tillId: id,
  at: instant,
  reason: z.enum(keyChangeReasons),
  /** The public key the chain knew before (absent for the first key). */
  oldPublicKey: publicKey.optional(),
  newPublicKey: publicKey,
  /** Where the new private key is kept: the OS key store (Electron) or a non-extractable browser key. */
  custody: z.enum(['os', 'browser']),
});
export type KeyChange = z.infer<typeof keyChangeSchema>;

export const rollbackSchema = z.object({
  id,
  tillId: id,
  at: instant,
  /** Why the older history was brought back, and who decided it: both required. */
  reason: z.string().trim().min(1, { error: 'err.required' }).max(300),
  by: z.string().trim().min(1, { error: 'err.required' }).max(80),
  memberId: id.optional(),
  /** The backup brought back, as its header says. */
  file: z.object({
    name: z.string().max(255),
    createdAt: instant,
    reason: z.enum(backupReasons),
    sha256: hex64,
    lastJournalHash: hex64,
    /** Entries of this till's chain in the file. */
    entries: z.number().int().min(0),
  }),
  /** What the rollback replaced: this till's entries after the common prefix. */
  replaced: z.object({
    /** Entries the file and the replaced chain have in common (the replaced ones are keptSeq+1 … toSeq). */
    keptSeq: z.number().int().min(0),
    toSeq: z.number().int().min(0),
    entries: z.number().int().min(0),
    /** The replaced chain's head: the hash a paper Z or an export may show. */
    lastHash: hex64,
  }),
  /** The sealed file holding the replaced entries and their records. */
  sealed: z.object({ fileName: z.string().max(120), path: z.string().max(1000).optional(), sha256: hex64 }),
  /** The backup of the data from before, taken just before replacing it. */
  before: z.object({ fileName: z.string().max(120), path: z.string().max(1000).optional(), sha256: hex64 }),
});
export type Rollback = z.infer<typeof rollbackSchema>;
