import { z } from 'zod';
import { printerConfigSchema } from './printer';
import { billingSettingsSchema } from './order';
import { basisPoints, id, optionalText, siret, text, typedCents, vatNumber } from './common';

export const caeSchema = z.object({
  name: text(120),
  legalForm: optionalText(80),
  address: text(300),
  siret,
  vatNumber,
  rcs: optionalText(80),
  /**
   * The share capital printed on invoices with the legal form, as typed:
   * "à capital variable" (a SCOP or SCIC) or an amount ("10 000 €").
   * Optional: co-ops set up before it was asked lack it.
   */
  shareCapital: z.string().trim().max(80, { error: 'err.tooLong' }).optional(),
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
  /**
   * Costing settings, optional because co-ops created before costing existed
   * lack them: read them through costingSettings(), which fills the defaults.
   */
  hourlyRate: typedCents.optional(),
  /** Below this margin a price shows orange. */
  thinMarginBp: basisPoints.optional(),
  /** The margin the suggested price aims for. */
  targetMarginBp: basisPoints.optional(),
  /** The market or fair the till works in now; sales, production and counts are tagged with it. */
  currentEventId: id.optional(),
  /**
   * The other tills of this co-op this one knows by name (the till it was set
   * up from, tills merged in): the sales list says whose ticket "n° 1" is.
   */
  otherTills: z.array(z.object({ id, name: z.string().max(60) })).optional(),
  /** Bank account and terms for quotes and invoices (orders); absent until set. */
  billing: billingSettingsSchema.optional(),
  createdAt: z.iso.datetime(),
});
export type Coop = z.infer<typeof coopSchema>;

/** What the first-run form collects (ids and dates are added by the app). */
export const coopFormSchema = coopSchema.pick({ name: true, cae: true, tillName: true });
export type CoopForm = z.input<typeof coopFormSchema>;

export const COSTING_DEFAULTS = { hourlyRate: 1200, thinMarginBp: 1500, targetMarginBp: 2500 } as const;

export type CostingSettings = { hourlyRate: number; thinMarginBp: number; targetMarginBp: number; contributionBp: number };

export function costingSettings(coop: Coop): CostingSettings {
  return {
    hourlyRate: coop.hourlyRate ?? COSTING_DEFAULTS.hourlyRate,
    thinMarginBp: coop.thinMarginBp ?? COSTING_DEFAULTS.thinMarginBp,
    targetMarginBp: coop.targetMarginBp ?? COSTING_DEFAULTS.targetMarginBp,
    contributionBp: coop.contributionBp,
  };
}
