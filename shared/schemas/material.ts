/**
 * Materials (wax fabric, ribbon, thread, flour…), their purchases and their
 * stock, and the production log. Stock of a material moves only through
 * movements, like a product's.
 */
import { z } from 'zod';
import { day, id, instant, milli, optionalText, positiveMilli, text, typedCents, vatRate } from './common';
import { stockReasons, transferFields } from './product';

export const materialUnits = ['metre', 'kg', 'piece', 'litre'] as const;
export type MaterialUnit = (typeof materialUnits)[number];

export const materialSchema = z.object({
  id,
  name: text(80),
  unit: z.enum(materialUnits, { error: 'err.unit' }),
  /** What the group pays per unit, incl. VAT (0 for donated offcuts). */
  unitCost: typedCents,
  vatRate,
  /** Below this the material shows in the low-stock list. */
  lowStock: positiveMilli.default(0),
  supplierNote: optionalText(200),
  archived: z.boolean().default(false),
  createdAt: instant,
  updatedAt: instant,
});
export type Material = z.infer<typeof materialSchema>;

export const materialFormSchema = materialSchema
  .pick({ name: true, unit: true, unitCost: true, vatRate: true, lowStock: true, supplierNote: true })
  .extend({ stock: positiveMilli.optional() });
export type MaterialForm = z.input<typeof materialFormSchema>;

export const materialMovementSchema = z.object({
  id,
  materialId: id,
  delta: milli,
  reason: z.enum(stockReasons),
  refId: z.string().default(''),
  at: instant,
  memberId: id.optional(),
  eventId: id.optional(),
  /** Why, in the member's words (a loss or gift: "cassé", "offert à la voisine"). */
  note: z.string().max(200).optional(),
  ...transferFields,
});
export type MaterialMovement = z.infer<typeof materialMovementSchema>;

export const materialLevelSchema = z.object({ materialId: id, quantity: milli });
export type MaterialLevel = z.infer<typeof materialLevelSchema>;

/** A purchase: adds stock and is a charge of whoever paid (the co-op or a member). */
export const purchaseSchema = z.object({
  id,
  materialId: id,
  day,
  quantity: positiveMilli.refine((v) => v > 0, { error: 'err.quantityZero' }),
  /** What was paid, incl. VAT. */
  amount: typedCents,
  vatRate,
  /** The member who paid out of her pocket; absent when the co-op paid. */
  paidBy: id.optional(),
  at: instant,
});
export type Purchase = z.infer<typeof purchaseSchema>;

export const purchaseFormSchema = purchaseSchema.pick({ materialId: true, day: true, quantity: true, amount: true, vatRate: true, paidBy: true });
export type PurchaseForm = z.input<typeof purchaseFormSchema>;

/**
 * "J'ai fabriqué": what a member made. Never edited: a mistake is undone by
 * a counter-entry (negative quantity) that names the entry it corrects.
 */
export const productionSchema = z.object({
  id,
  memberId: id,
  productId: id,
  day,
  quantity: milli.refine((v) => v !== 0, { error: 'err.quantityZero' }),
  minutes: z.number({ error: 'err.minutes' }).int({ error: 'err.minutes' }).max(100_000, { error: 'err.minutes' }),
  correctsId: id.optional(),
  /** The market or fair it was made at or for, if any. */
  eventId: id.optional(),
  at: instant,
});
export type Production = z.infer<typeof productionSchema>;

export const productionFormSchema = z.object({
  memberId: id,
  productId: id,
  day,
  quantity: positiveMilli.refine((v) => v > 0, { error: 'err.quantityZero' }),
  minutes: z.number({ error: 'err.minutes' }).int({ error: 'err.minutes' }).min(0, { error: 'err.quantityNegative' }).max(100_000, { error: 'err.minutes' }),
  eventId: id.optional(),
});
export type ProductionForm = z.input<typeof productionFormSchema>;
