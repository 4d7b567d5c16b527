/**
 * Customers, orders, their payments and the members' contributions, and the
 * invoices (and credit notes) issued for them.
 *
 * An order is a working document: its lines may change while it is a quote
 * or confirmed. An invoice is a legal document: a snapshot of everything it
 * shows, numbered in its own gapless series, never edited once issued
 * (DOMAIN.md, "Orders and invoices"); a mistake is corrected by a credit
 * note that reverses it.
 */
import { z } from 'zod';
import { cents, day, id, instant, isValidSiret, milli, optionalText, positiveCents, positiveMilli, text, typedCents, vatNumber, vatRate } from './common';
import { units } from './product';
import { paymentMethods } from './sale';

/** An e-mail address or nothing. */
export const optionalEmail = z
  .string()
  .trim()
  .max(120, { error: 'err.tooLong' })
  .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { error: 'err.email' })
  .default('');

/** A SIRET or nothing (organisations only). */
export const optionalSiret = z
  .string()
  .transform((v) => v.replace(/\s/g, ''))
  .refine((v) => v === '' || /^\d{14}$/.test(v), { error: 'err.siretFormat' })
  .refine((v) => v === '' || isValidSiret(v), { error: 'err.siretChecksum' })
  .default('');

export const customerSchema = z.object({
  id,
  name: text(120),
  organisation: optionalText(120),
  phone: optionalText(30),
  email: optionalEmail,
  billingAddress: optionalText(300),
  siret: optionalSiret,
  /** Required on an invoice above 150 € excl. VAT to a VAT-registered customer. */
  vatNumber: z.union([z.literal(''), vatNumber]).default(''),
  archived: z.boolean().default(false),
  createdAt: instant,
  updatedAt: instant,
});
export type Customer = z.infer<typeof customerSchema>;

export const customerFormSchema = customerSchema.pick({
  name: true,
  organisation: true,
  phone: true,
  email: true,
  billingAddress: true,
  siret: true,
  vatNumber: true,
});
export type CustomerForm = z.input<typeof customerFormSchema>;

/** devis → confirmée → en production → prête → livrée → soldée, or annulée. */
export const orderStatuses = ['quote', 'confirmed', 'inProduction', 'ready', 'delivered', 'paid', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** What a line sells: an object (livraison de biens) or a service (prestation de services). */
export const lineNatures = ['goods', 'service'] as const;
export type LineNature = (typeof lineNatures)[number];

/** What an invoice is for, printed on it (required from September 2027): goods, services or both. */
export const invoiceNatures = ['goods', 'services', 'both'] as const;
export type InvoiceNature = (typeof invoiceNatures)[number];

/** One line: a product of the catalogue (its recipe gives the cost) or free text (a service). */
export const orderLineSchema = z.object({
  /** Stable within the order (React key, contribution target). */
  key: id,
  productId: id.optional(),
  name: text(120),
  unit: z.enum(units, { error: 'err.unit' }),
  quantity: positiveMilli.refine((v) => v > 0, { error: 'err.quantityZero' }),
  /** Unit price incl. VAT, as at the stall. */
  unitPrice: typedCents,
  vatRate,
  /**
   * A free-text line's nature: a service (catering…) unless marked as goods.
   * Absent on catalogue products (always goods) and on lines typed before it existed.
   */
  nature: z.enum(lineNatures).optional(),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const deliverySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stall') }),
  z.object({ kind: z.literal('address'), place: text(300) }),
]);
export type Delivery = z.infer<typeof deliverySchema>;

export const orderSchema = z.object({
  id,
  /** C-2026-0007: gapless per co-op and year. */
  number: z.string().regex(/^C-\d{4}-\d{4,}$/),
  customerId: id,
  lines: z.array(orderLineSchema).min(1, { error: 'err.noLines' }),
  dueDay: day,
  /** HH:MM, local time; empty when only the day matters. */
  dueTime: z.string().regex(/^(\d{2}:\d{2})?$/, { error: 'err.time' }).default(''),
  delivery: deliverySchema,
  notes: optionalText(1000),
  /** The customer's purchase-order number, printed on the invoice. */
  customerRef: optionalText(60),
  /** Last day the quote can be accepted. */
  quoteValidUntil: day,
  status: z.enum(orderStatuses),
  cancelReason: z.string().max(200).optional(),
  eventId: id.optional(),
  createdAt: instant,
  updatedAt: instant,
});
export type Order = z.infer<typeof orderSchema>;

/** What the order form collects (number, status and dates are the app's). */
export const orderFormSchema = orderSchema.pick({
  customerId: true,
  lines: true,
  dueDay: true,
  dueTime: true,
  delivery: true,
  notes: true,
  customerRef: true,
});
export type OrderForm = z.input<typeof orderFormSchema>;

/** Every status change, with who and when (append-only). */
export const orderStatusChangeSchema = z.object({
  id,
  orderId: id,
  from: z.enum(orderStatuses).optional(),
  to: z.enum(orderStatuses),
  at: instant,
  memberId: id.optional(),
  reason: z.string().max(200).optional(),
});
export type OrderStatusChange = z.infer<typeof orderStatusChangeSchema>;

/**
 * Money received for an order, journalled (type 'orderPayment') on the till
 * that took it. Taken on its business day, so a cash payment counts in that
 * day's closing like a sale's.
 */
export const orderPaymentSchema = z.object({
  id,
  orderId: id,
  kind: z.enum(['deposit', 'payment']),
  method: z.enum(paymentMethods),
  amount: positiveCents.refine((v) => v > 0, { error: 'err.amountZero' }),
  /** The day the money came in (a transfer may arrive on another day). */
  day,
  tillId: id,
  businessDay: day,
  at: instant,
  memberId: id.optional(),
  note: z.string().max(200).optional(),
});
export type OrderPayment = z.infer<typeof orderPaymentSchema>;

/**
 * A member's part in an order: what she produced (12 m of garland) and/or the
 * minutes she worked. Never edited: corrected by a counter-entry.
 */
export const contributionSchema = z.object({
  id,
  orderId: id,
  memberId: id,
  /** The order line it counts towards; absent for time on the whole order. */
  lineKey: id.optional(),
  quantity: milli,
  minutes: z.number({ error: 'err.minutes' }).int({ error: 'err.minutes' }).min(-100_000).max(100_000, { error: 'err.minutes' }),
  day,
  correctsId: id.optional(),
  at: instant,
});
export type Contribution = z.infer<typeof contributionSchema>;

const partySchema = z.object({
  name: z.string(),
  address: z.string(),
  siret: z.string(),
  vatNumber: z.string(),
});

export const invoiceLineSchema = z.object({
  name: z.string(),
  unit: z.enum(units),
  quantity: milli,
  /** Incl. VAT, as ordered. */
  unitPrice: cents,
  /** Excl. VAT, rounded to the cent, as printed. */
  unitPriceHt: cents,
  vatRate,
  /** Line total incl. VAT (= round(unitPrice × quantity)). */
  total: cents,
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

/**
 * An issued invoice or credit note: a frozen snapshot of every mention.
 * Credit notes carry negative amounts and name the invoice they reverse.
 */
export const invoiceSchema = z.object({
  id,
  kind: z.enum(['invoice', 'creditNote']),
  /** F-2026-0001 for invoices, A-2026-0001 for credit notes: two gapless series. */
  number: z.string().regex(/^[FA]-\d{4}-\d{4,}$/),
  orderId: id,
  orderNumber: z.string(),
  /** The till that issued it: its journal holds the invoice's entry (type 'invoice'). */
  tillId: id,
  creditsId: id.optional(),
  creditsNumber: z.string().optional(),
  reason: z.string().max(200).optional(),
  issueDay: day,
  /** The delivery or service day. */
  deliveryDay: day,
  /** The day payment is due. */
  dueDay: day,
  at: instant,
  /*
   * Mentions added after the first invoices were issued are optional and only
   * written when known, so older records parse unchanged and their journal
   * digests still match.
   */
  seller: partySchema.extend({
    legalForm: z.string(),
    rcs: z.string(),
    coopName: z.string(),
    /** "à capital variable" or "10 000 €", as set for the CAE. */
    shareCapital: z.string().optional(),
  }),
  customer: partySchema.extend({
    organisation: z.string(),
    isBusiness: z.boolean(),
    /** The first 9 digits of a business customer's SIRET. */
    siren: z.string().optional(),
  }),
  /** Goods, services or both, from the lines. */
  nature: z.enum(invoiceNatures).optional(),
  deliveryPlace: z.string(),
  customerRef: z.string(),
  lines: z.array(invoiceLineSchema).min(1),
  byRate: z.array(z.object({ rate: vatRate, ht: cents, vat: cents, ttc: cents })),
  ttc: cents,
  ht: cents,
  vat: cents,
  /** Deposits and payments received before issue (incl. VAT). */
  alreadyPaid: cents,
  /** ttc − alreadyPaid. */
  balance: cents,
  paymentTerms: z.string(),
  latePenalty: z.string(),
  memberId: id.optional(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

/** The co-op's billing settings: bank account for the EPC QR code, terms printed on quotes and invoices. */
export const billingSettingsSchema = z.object({
  /** Beneficiary of transfers: the CAE's legal name unless the account is in another name. */
  accountHolder: optionalText(70),
  iban: z.string().transform((v) => v.replace(/\s/g, '').toUpperCase()).default(''),
  bic: z
    .string()
    .transform((v) => v.replace(/\s/g, '').toUpperCase())
    .refine((v) => v === '' || /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(v), { error: 'err.bic' })
    .default(''),
  quoteValidityDays: z.number().int().min(1).max(365).default(30),
  paymentTermDays: z.number().int().min(0).max(60).default(30),
  latePenalty: optionalText(300),
});
export type BillingSettings = z.infer<typeof billingSettingsSchema>;
