import { z } from 'zod';
import { id, instant } from './common';

export const journalTypes = ['sale', 'cancellation', 'closing', 'export', 'restore', 'cash', 'invoice', 'orderPayment', 'payout', 'key', 'rollback'] as const;
export type JournalType = (typeof journalTypes)[number];

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const journalEntrySchema = z.object({
  seq: z.number().int().min(1),
  tillId: id,
  type: z.enum(journalTypes),
  recordId: id,
  at: instant,
  digest: hex64,
  prevHash: hex64,
  hash: hex64,
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;
