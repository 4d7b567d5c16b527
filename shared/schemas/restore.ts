/**
 * A restore is a legal event (DOMAIN.md, journal types): once a backup has
 * replaced the database, this record says what was restored and what it
 * replaced, and its journal entry (type 'restore') follows the restored
 * chain of this till. Written in the same transaction as the replacement.
 */
import { z } from 'zod';
import { id, instant } from './common';

export const backupReasons = ['closing', 'quit', 'manual', 'before-restore'] as const;
export type BackupReason = (typeof backupReasons)[number];

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const counts = z.record(z.string().max(64), z.number().int().min(0));

export const restoreSchema = z.object({
  id,
  tillId: id,
  at: instant,
  /** The file that was restored, as its header says. */
  file: z.object({
    /** The name the person chose ('' when unknown). */
    name: z.string().max(255),
    /** Format version of the file as read (an older one was upgraded). */
    version: z.number().int().min(1),
    createdAt: instant,
    reason: z.enum(backupReasons),
    appVersion: z.string().max(40),
    tillId: z.string().max(64),
    /** The file's own SHA-256 field (format 1: of the tables; from 2: of the whole document). */
    sha256: hex64,
    lastJournalHash: hex64,
    counts,
  }),
  /** The backup of the data from before, taken just before replacing it. */
  before: z.object({
    fileName: z.string().max(120),
    path: z.string().max(1000).optional(),
    createdAt: instant,
    sha256: hex64,
    /** Where this till's chain stood before: the restored chain continues from the file's end instead. */
    lastJournalHash: hex64,
  }),
});
export type Restore = z.infer<typeof restoreSchema>;
