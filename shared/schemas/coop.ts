import { z } from 'zod';
import { printerConfigSchema } from './printer';
import { basisPoints, id, optionalText, siret, text, vatNumber } from './common';

export const caeSchema = z.object({
  name: text(120),
  legalForm: optionalText(80),
  address: text(300),
  siret,
  vatNumber,
  rcs: optionalText(80),
});
export type Cae = z.infer<typeof caeSchema>;

export const receiptModes = ['ask', 'always', 'never'] as const;
export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];

/** The co-op's settings: one record, id 'coop'. */
export const coopSchema = z.object({
  id: z.literal('coop'),
  name: text(120),
  cae: caeSchema,
  tillId: id,
  tillName: text(60),
  timeZone: z.string().min(1).default('Europe/Paris'),
  receiptMode: z.enum(receiptModes).default('ask'),
  receiptFooter: optionalText(300),
  /** This till's receipt printer; none set means receipts show on screen. */
  printer: printerConfigSchema.optional(),
  /** The CAE's contribution, % of turnover excl. VAT (basis points). */
  contributionBp: basisPoints.default(1000),
  createdAt: z.iso.datetime(),
});
export type Coop = z.infer<typeof coopSchema>;

/** What the first-run form collects (ids and dates are added by the app). */
export const coopFormSchema = coopSchema.pick({ name: true, cae: true, tillName: true });
export type CoopForm = z.input<typeof coopFormSchema>;
