import { z } from 'zod';
import { color, id, imageDataUrl, instant, milli, positiveMilli, text, optionalText, typedCents, vatRate } from './common';

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

/** One material of a recipe: how much of it goes into one unit sold. */
export const recipeLineSchema = z.object({
  materialId: id,
  /** Thousandths of the material's unit per unit sold (0,4 m = 400). */
  quantity: positiveMilli.refine((v) => v > 0, { error: 'err.quantityZero' }),
});
export type RecipeLineRecord = z.infer<typeof recipeLineSchema>;

/** What one unit costs to make: materials and minutes of work. */
export const recipeSchema = z.object({
  lines: z.array(recipeLineSchema).default([]),
  labourMinutes: z.number({ error: 'err.minutes' }).int({ error: 'err.minutes' }).min(0, { error: 'err.quantityNegative' }).max(100_000, { error: 'err.minutes' }).default(0),
  /** This product's hourly rate when it differs from the co-op's. */
  hourlyRate: typedCents.optional(),
});
export type Recipe = z.infer<typeof recipeSchema>;

export const productSchema = z.object({
  id,
  name: text(80),
  picture: pictureSchema,
  color,
  category: optionalText(40),
  unit: z.enum(units, { error: 'err.unit' }),
  /** Price incl. VAT per unit, in cents. */
  price: typedCents.refine((v) => v > 0, { error: 'err.priceZero' }),
  vatRate,
  makerIds: z.array(id).default([]),
  trackStock: z.boolean().default(false),
  /** Below this stock the product shows in the low-stock list. */
  lowStock: positiveMilli.optional(),
  recipe: recipeSchema.optional(),
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
    lowStock: true,
    recipe: true,
  })
  .extend({
    /** Stock on hand when stock is tracked; a change is recorded as a count correction. */
    stock: milli.optional(),
  });
export type ProductForm = z.input<typeof productFormSchema>;

/** Why stock moved. New reasons are only ever appended: old movements keep parsing. */
export const stockReasons = ['sale', 'cancellation', 'count', 'initial', 'production', 'purchase', 'loss', 'transfer'] as const;
export type StockReason = (typeof stockReasons)[number];

/**
 * The other side of a 'transfer' movement (goods carried to or brought from
 * another stall): the other market or fair, and/or the other till. The
 * direction is the delta's sign: minus = sent, plus = received. All optional:
 * other reasons have none, and movements recorded before transfers existed
 * parse as they are.
 */
export const transferFields = {
  /** The market or fair the goods went to or came from. */
  transferEventId: id.optional(),
  /** The other till, by name ("Caisse 2"), as known to this till or typed. */
  counterpart: z.string().trim().max(60, { error: 'err.tooLong' }).optional(),
  /** The other till's id, when it is one of coop.otherTills. */
  counterpartTillId: id.optional(),
};

export const stockMovementSchema = z.object({
  id,
  productId: id,
  delta: milli,
  reason: z.enum(stockReasons),
  /** The sale or record that caused it. */
  refId: z.string().default(''),
  at: instant,
  /** Who did it (who counted, who made it), when known. */
  memberId: id.optional(),
  /** The market or fair it happened at, if any. */
  eventId: id.optional(),
  /** Why, in the member's words (a loss or gift: "cassé", "offert à la voisine"). */
  note: z.string().max(200).optional(),
  ...transferFields,
});
export type StockMovement = z.infer<typeof stockMovementSchema>;

/** Cached level per product; always equal to the sum of its movements. */
export const stockLevelSchema = z.object({ productId: id, quantity: milli });
export type StockLevel = z.infer<typeof stockLevelSchema>;
