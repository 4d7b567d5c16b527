import { z } from 'zod';
import { color, id, imageDataUrl, instant, optionalText, text } from './common';

export const memberSchema = z.object({
  id,
  firstName: text(60),
  color,
  photo: imageDataUrl.optional(),
  /** The member's analytic code at the CAE (free text, may be shared). */
  analyticCode: optionalText(40),
  archived: z.boolean().default(false),
  /** Display and tie-break order (payout remainders go to earlier members). */
  order: z.number().int().min(0),
  createdAt: instant,
  updatedAt: instant,
});
export type Member = z.infer<typeof memberSchema>;

export const memberFormSchema = memberSchema.pick({ firstName: true, color: true, photo: true, analyticCode: true });
export type MemberForm = z.input<typeof memberFormSchema>;
