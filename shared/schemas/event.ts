/**
 * A market or fair the stall goes to. The till works "in" the current event:
 * sales, production and counts made meanwhile carry its id, so a group can
 * see what each market brought against its stall fee.
 */
import { z } from 'zod';
import { day, id, instant, optionalText, text, typedCents } from './common';

export const marketEventSchema = z
  .object({
    id,
    name: text(80),
    place: optionalText(120),
    startDay: day,
    endDay: day,
    /** What the stall costs for the whole event, incl. VAT. */
    stallFee: typedCents,
    archived: z.boolean().default(false),
    createdAt: instant,
  })
  .refine((e) => e.endDay >= e.startDay, { error: 'err.endBeforeStart', path: ['endDay'] });
export type MarketEvent = z.infer<typeof marketEventSchema>;

export const marketEventFormSchema = z
  .object({ name: text(80), place: optionalText(120), startDay: day, endDay: day, stallFee: typedCents })
  .refine((e) => e.endDay >= e.startDay, { error: 'err.endBeforeStart', path: ['endDay'] });
export type MarketEventForm = z.input<typeof marketEventFormSchema>;
