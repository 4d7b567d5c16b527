import { z } from 'zod';
import { cents, day, id, instant, positiveCents, vatRate } from './common';
import { units } from './product';
import { paymentMethods } from './sale';

/**
 * Cash put in or taken out of the drawer outside a sale. `fund` is the
 * float the day starts with (fond de caisse). Append-only and journalled:
 * a mistake is corrected by another movement, never by an edit.
 */
export const cashMovementKinds = ['fund', 'in', 'out'] as const;
export type CashMovementKind = (typeof cashMovementKinds)[number];

export const cashReasons = ['fund', 'change', 'stallFee', 'memberAdvance', 'bankDeposit', 'other'] as const;
export type CashReason = (typeof cashReasons)[number];

export const cashMovementSchema = z.object({
  id,
  tillId: id,
  kind: z.enum(cashMovementKinds),
  reason: z.enum(cashReasons),
  note: z.string().max(200).optional(),
  /** Always positive: the kind says which way it goes. */
  amount: positiveCents.refine((v) => v > 0, { error: 'err.amountZero' }),
  businessDay: day,
  at: instant,
  memberId: id.optional(),
  eventId: id.optional(),
});
export type CashMovement = z.infer<typeof cashMovementSchema>;

/** One line of the note-and-coin count: `value` cents × `quantity`. */
export const cashCountLineSchema = z.object({ value: z.number().int().min(1), quantity: z.number().int().min(0).max(100000) });
export type CashCountLine = z.infer<typeof cashCountLineSchema>;

const byMethodSchema = z.object(Object.fromEntries(paymentMethods.map((m) => [m, cents])) as Record<(typeof paymentMethods)[number], typeof cents>);

export const closingTotalsSchema = z.object({
  tickets: z.number().int().min(0),
  cancellations: z.number().int().min(0),
  ttc: cents,
  ht: cents,
  vat: cents,
  discounts: cents,
  byRate: z.array(z.object({ rate: vatRate, ht: cents, vat: cents, ttc: cents })),
  byMethod: byMethodSchema,
  byCategory: z.array(z.object({ category: z.string(), ttc: cents })),
  /** `unit` since the Z says "Guirlande au mètre · 1,5 m" (older Zs have none). */
  topProducts: z.array(z.object({ productId: id, name: z.string(), quantity: z.number().int(), unit: z.enum(units).optional(), ttc: cents })),
});
export type ClosingTotals = z.infer<typeof closingTotalsSchema>;

export const closingCashSchema = z.object({
  fund: cents,
  cashSales: cents,
  cashIn: cents,
  cashOut: cents,
  /** Cash received for orders (deposits and balances) this day; absent on closings made before orders existed. */
  cashOrders: cents.optional(),
  expected: cents,
  counted: cents,
  difference: cents,
  count: z.array(cashCountLineSchema),
});
export type ClosingCash = z.infer<typeof closingCashSchema>;

/** Money received for orders on the day (table orderPayments): not sales, so outside the TTC and perpetual totals. */
export const closingOrdersSchema = z.object({
  count: z.number().int().min(0),
  deposits: cents,
  payments: cents,
  total: cents,
  byMethod: byMethodSchema,
});
export type ClosingOrders = z.infer<typeof closingOrdersSchema>;

export const closingKinds = ['day', 'month', 'year'] as const;
export type ClosingKind = (typeof closingKinds)[number];

/**
 * A closing of one till, append-only and journalled (type 'closing'): the
 * day's Z, or a month's or a year's closing, which sums the day Zs in it
 * (their count lines and top products are left empty).
 */
export const closingSchema = z.object({
  id,
  tillId: id,
  kind: z.enum(closingKinds),
  /** 1, 2, 3… per till and kind, never reused. */
  number: z.number().int().min(1),
  /** The day closed; for a month or a year, its last day. */
  businessDay: day,
  /** Month ('YYYY-MM') or year ('YYYY') of a period closing. */
  period: z.string().regex(/^\d{4}(-\d{2})?$/).optional(),
  /** Period closings: how many day Zs it sums, and the first and last Z numbers. */
  days: z.number().int().min(0).optional(),
  firstZ: z.number().int().min(0).optional(),
  lastZ: z.number().int().min(0).optional(),
  at: instant,
  /** Who counted the cash (who closed, for a period). */
  countedBy: z.string().max(80),
  memberId: id.optional(),
  firstTicket: z.number().int().min(0),
  lastTicket: z.number().int().min(0),
  totals: closingTotalsSchema,
  cash: closingCashSchema,
  /** Deposits and balances received for orders; absent on closings made before orders existed. */
  orders: closingOrdersSchema.optional(),
  /** The period's total incl. VAT (= totals.ttc; for a month or year, the sum of its day Zs). */
  periodTotal: cents,
  /** Total incl. VAT of every sale of this till up to and including this day; never reset. */
  grandTotal: cents,
  /** The journal's last hash just before this closing's own entry, printed on the Z. */
  lastJournalHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The till's public-key fingerprint (shared/fingerprint.ts), printed on the Z for the CAE to note; absent on older closings. */
  keyFingerprint: z.string().regex(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/).optional(),
  /** Returns to an older backup since the previous Z (journal type 'rollback'), one line each on the Z. */
  rollbacks: z
    .array(z.object({ id, at: instant, entries: z.number().int().min(0), fromSeq: z.number().int().min(0), toSeq: z.number().int().min(0), by: z.string().max(80), reason: z.string().max(300) }))
    .optional(),
});
export type Closing = z.infer<typeof closingSchema>;

/** An archive export, journalled (type 'export') once the archive is built: what it covered and where the chain stood. */
export const archiveExportSchema = z.object({
  id,
  tillId: id,
  at: instant,
  from: day,
  to: day,
  firstSeq: z.number().int().min(0),
  lastSeq: z.number().int().min(0),
  lastHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** SHA-256 of the archive's manifest.json. */
  manifestDigest: z.string().regex(/^[0-9a-f]{64}$/),
  /** The till's Ed25519 public key (hex) that signed the manifest; absent on archives made before signing. */
  publicKey: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type ArchiveExport = z.infer<typeof archiveExportSchema>;
