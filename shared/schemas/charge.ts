/**
 * The group's expenses, stall shifts and payout exports (payout issue).
 *
 * Material purchases stay in `purchases` (they move stock); the charges
 * list and the payout read both, so each purchase counts once.
 */
import { z } from 'zod';
import { day, id, imageDataUrl, instant, text, typedCents, vatRate } from './common';

export const chargeCategories = ['stallFee', 'materials', 'transport', 'packaging', 'other'] as const;
export type ChargeCategory = (typeof chargeCategories)[number];

export const chargeSchema = z.object({
  id,
  day,
  label: text(120),
  category: z.enum(chargeCategories),
  /** What was paid, incl. VAT. */
  amount: typedCents.refine((v) => v > 0, { error: 'err.amountZero' }),
  vatRate,
  /** The member who paid out of her pocket (to reimburse); absent when the co-op paid. */
  paidBy: id.optional(),
  eventId: id.optional(),
  /** A photo of the receipt. */
  photo: imageDataUrl.optional(),
  createdAt: instant,
  updatedAt: instant,
});
export type Charge = z.infer<typeof chargeSchema>;

export const chargeFormSchema = chargeSchema.pick({ day: true, label: true, category: true, amount: true, vatRate: true, paidBy: true, eventId: true, photo: true });
export type ChargeForm = z.input<typeof chargeFormSchema>;

/** Hours a member held the stall (counted by the "by hours" rule). */
export const shiftSchema = z.object({
  id,
  memberId: id,
  day,
  minutes: z.number({ error: 'err.minutes' }).int({ error: 'err.minutes' }).min(1, { error: 'err.minutes' }).max(24 * 60, { error: 'err.minutes' }),
  eventId: id.optional(),
  createdAt: instant,
});
export type Shift = z.infer<typeof shiftSchema>;

export const payoutRuleKinds = ['equal', 'hours', 'made', 'mix'] as const;
export type PayoutRuleKind = (typeof payoutRuleKinds)[number];

/** A rule: weights of the three bases, in basis points summing to 10 000 (equal = 10 000 on equal). */
export const payoutRuleSchema = z
  .object({
    kind: z.enum(payoutRuleKinds),
    equalBp: z.number().int().min(0).max(10000),
    hoursBp: z.number().int().min(0).max(10000),
    madeBp: z.number().int().min(0).max(10000),
  })
  .refine((r) => r.equalBp + r.hoursBp + r.madeBp === 10000, { error: 'err.sharesSum', path: ['equalBp'] });
export type PayoutRule = z.infer<typeof payoutRuleSchema>;

/** A payout period: a date range, optionally narrowed to some events. */
export const payoutPeriodSchema = z
  .object({ from: day, to: day, eventIds: z.array(id).default([]) })
  .refine((p) => p.to >= p.from, { error: 'err.endBeforeStart', path: ['to'] });
export type PayoutPeriod = z.infer<typeof payoutPeriodSchema>;

/**
 * A payout export, recorded once the files are built: what, when, for which
 * period, the files' hashes, and a digest of the figures it was computed
 * from (so later changes to that period's sales show as a warning).
 */
export const payoutExportSchema = z.object({
  id,
  tillId: id,
  at: instant,
  period: payoutPeriodSchema,
  rule: payoutRuleSchema,
  amountToDistribute: z.number().int(),
  /** SHA-256 of the canonical figures (sales, invoices, charges) of the period. */
  sourceDigest: z.string().regex(/^[0-9a-f]{64}$/),
  files: z.array(z.object({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  memberId: id.optional(),
});
export type PayoutExport = z.infer<typeof payoutExportSchema>;
