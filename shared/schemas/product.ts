import { z } from 'zod';
import { color, id, imageDataUrl, instant, milli, positiveCents, text, optionalText, vatRate } from './common';

export const units = ['piece', 'metre', 'kg', 'portion'] as const;
export type Unit = (typeof units)[number];

/** Units sold in fractions (the keypad accepts decimals for them). */
export const fractionalUnits: readonly Unit[] = ['metre', 'kg'];

export const pictureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('emoji'), value: z.string().min(1).max(16) }),
  z.object({ kind: z.literal('image'), value: imageDataUrl }),
  z.object({ kind: z.literal('none') }),
]);
export type Picture = z.infer<typeof pictureSchema>;

export const productSchema = z.object({
  id,
  name: text(80),
  picture: pictureSchema,
  color,
  category: optionalText(40),
  unit: z.enum(units, { error: 'err.unit' }),
  /** Price incl. VAT per unit, in cents. */
  price: positiveCents.refine((v) => v > 0, { error: 'err.priceZero' }),
  vatRate,
  makerIds: z.array(id).default([]),
  trackStock: z.boolean().default(false),
  archived: z.boolean().default(false),
  createdAt: instant,
  updatedAt: instant,
});
export type Product = z.infer<typeof productSchema>;

export const productFormSchema = productSchema
  .pick({
    name: true,
    picture: true,
    color: true,
    category: true,
    unit: true,
    price: true,
    vatRate: true,
    makerIds: true,
    trackStock: true,
  })
  .extend({
    /** Stock on hand when stock is tracked; a change is recorded as a count correction. */
    stock: milli.optional(),
  });
export type ProductForm = z.input<typeof productFormSchema>;

export const stockReasons = ['sale', 'cancellation', 'count', 'initial'] as const;

export const stockMovementSchema = z.object({
  id,
  productId: id,
  delta: milli,
  reason: z.enum(stockReasons),
  /** The sale or record that caused it. */
  refId: z.string().default(''),
  at: instant,
});
export type StockMovement = z.infer<typeof stockMovementSchema>;

/** Cached level per product; always equal to the sum of its movements. */
export const stockLevelSchema = z.object({ productId: id, quantity: milli });
export type StockLevel = z.infer<typeof stockLevelSchema>;
