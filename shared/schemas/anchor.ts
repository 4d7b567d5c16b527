/**
 * A journal head that left the till (issue 15, anchors): the hash printed on
 * a Z, the last hash written into a backup, the head of an archive or CAE
 * export, the head of another till's chain as a merge imported it. Kept
 * apart from the journal, and not journalled itself, so that cutting the
 * journal's tail (entries, records and all) leaves these behind:
 * *Vérifier le journal* then names the head it no longer finds.
 */
import { z } from 'zod';
import { day, id, instant } from './common';

export const anchorKinds = ['z', 'month', 'year', 'backup', 'archive', 'payout', 'merge'] as const;
export type AnchorKind = (typeof anchorKinds)[number];

export const anchorSchema = z.object({
  id,
  /** The till whose chain must hold `hash` (for a merge: the till merged in). */
  tillId: id,
  kind: z.enum(anchorKinds),
  at: instant,
  /** The entry whose hash this is; 0 with the 64 zeros of an empty chain. */
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** How a person knows it: the Z or closing number, the backup's file name, the archive's period. */
  name: z.string().max(255),
  /** The business day of a closing. */
  day: day.optional(),
});
export type Anchor = z.infer<typeof anchorSchema>;
