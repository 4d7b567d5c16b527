/**
 * The unpaid basket as the till keeps it between a reload and the next
 * start (renderer/db/session.ts). It is read back through this schema: a
 * basket that does not parse is dropped rather than half-restored.
 */
import { z } from 'zod';
import type { Cart } from '../cart';
import { cents, id, milli, vatRate } from './common';
import { units } from './product';
import { discountSchema } from './sale';

const cartLineSchema = z.object({
  key: id,
  productId: id,
  name: z.string().max(200),
  unit: z.enum(units),
  unitPrice: cents,
  vatRate,
  quantity: milli.refine((q) => q > 0),
  makerIds: z.array(id),
  discount: discountSchema.optional(),
});

export const storedCartSchema = z.object({
  lines: z.array(cartLineSchema).max(500),
  discount: discountSchema.optional(),
  discountReason: z.string().max(200).optional(),
});

/** What a stored basket reads as, or null when it is not one. */
export function parseStoredCart(value: unknown): Cart | null {
  const parsed = storedCartSchema.safeParse(value);
  if (!parsed.success) return null;
  // exactOptionalPropertyTypes: zod's optional keys are `T | undefined`; drop the undefined ones.
  const { discount, discountReason, lines } = parsed.data;
  return {
    lines: lines.map(({ discount: d, ...line }) => (d ? { ...line, discount: d } : line)),
    ...(discount ? { discount } : {}),
    ...(discountReason !== undefined ? { discountReason } : {}),
  };
}
