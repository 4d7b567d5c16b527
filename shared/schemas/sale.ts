import { z } from 'zod';
import { cents, day, id, instant, milli, positiveCents, text, vatRate } from './common';
import { units } from './product';

export const paymentMethods = ['cash', 'card', 'cheque', 'transfer', 'other'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const discountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('amount'), value: positiveCents }),
  z.object({ kind: z.literal('percent'), value: z.number().int().min(0).max(10000, { error: 'err.percentMax' }) }),
]);

export const saleLineSchema = z.object({
  productId: id,
  name: z.string(),
  unit: z.enum(units),
  quantity: milli,
  unitPrice: cents,
  vatRate,
  /** unit price × quantity, rounded. */
  gross: cents,
  /** Line discount plus its share of the ticket discount (positive for a sale). */
  discount: cents,
  /** gross − discount: the amount the VAT split is computed on. */
  total: cents,
  makerIds: z.array(id),
});
export type SaleLine = z.infer<typeof saleLineSchema>;

export const paymentSchema = z.object({
  method: z.enum(paymentMethods),
  amount: cents,
  /** Cash only: what the customer handed over, and what was given back. */
  tendered: cents.optional(),
  change: cents.optional(),
});
export type Payment = z.infer<typeof paymentSchema>;

export const vatLineSchema = z.object({ rate: vatRate, ttc: cents, ht: cents, vat: cents });

export const saleSchema = z.object({
  id,
  tillId: id,
  ticketNumber: z.number().int().min(1),
  type: z.enum(['sale', 'cancellation']),
  /** For a cancellation: the sale it cancels. */
  cancelsId: id.optional(),
  reason: z.string().optional(),
  businessDay: day,
  at: instant,
  memberId: id.optional(),
  /** The market or fair the till was working in. */
  eventId: id.optional(),
  lines: z.array(saleLineSchema).min(1),
  discountReason: z.string().optional(),
  payments: z.array(paymentSchema).min(1),
  totals: z.object({ byRate: z.array(vatLineSchema), ttc: cents, ht: cents, vat: cents }),
});
export type Sale = z.infer<typeof saleSchema>;

export const cancelFormSchema = z.object({ reason: text(200) });
