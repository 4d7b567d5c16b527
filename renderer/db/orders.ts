/**
 * Customers, orders, their payments and contributions, invoices and credit
 * notes (DOMAIN.md, "Orders and invoices").
 *
 * Numbers (C-, F-, A-) come from gapless counters in `counters`, taken in the
 * same read-write transaction as the record they number, so concurrent
 * attempts are serialised by IndexedDB and a failed write gives its number
 * back. Invoices, credit notes and order payments are legal records: each is
 * written with its journal entry on the till's chain in ONE transaction,
 * nothing awaited inside but Dexie (hashing is synchronous), like a sale.
 * An issued invoice is never written again: there is no update function,
 * and every write goes through assertInvoiceImmutable.
 */
import { z } from 'zod';
import { ibanErrorKey } from '../../shared/epc';
import { openDayAfter, shiftDay } from '../../shared/closing';
import type { OrderDocument } from '../../shared/documents/types';
import { businessDay, formatMoney } from '../../shared/format';
import { nextEntry } from '../../shared/journal';
import { htFromTtc } from '../../shared/money';
import {
  canMoveTo,
  contributionsByMember,
  depositAmount,
  invoiceNature,
  isOrderLocked,
  lineProgress,
  liveInvoice,
  orderLineTotal,
  orderTotals,
  paymentState,
  sirenOf,
  type DepositRule,
  type LineProgress,
  type MemberContribution,
  type OrderTotals,
} from '../../shared/orders';
import {
  billingSettingsSchema,
  contributionSchema,
  customerFormSchema,
  customerSchema,
  day as daySchema,
  id as idSchema,
  invoiceSchema,
  orderFormSchema,
  orderPaymentSchema,
  orderSchema,
  orderStatusChangeSchema,
  paymentMethods,
  positiveMilli,
  type BillingSettings,
  type Contribution,
  type Coop,
  type Customer,
  type CustomerForm,
  type Invoice,
  type InvoiceLine,
  type Order,
  type OrderForm,
  type OrderPayment,
  type OrderStatus,
  type OrderStatusChange,
  type PaymentMethod,
} from '../../shared/schemas';
import { updateCoop } from './catalog';
import { newId, nowIso, type EtalDb } from './db';
import { lastClosing, lastJournalEntry } from './sales';

/**
 * A refusal the user must read: `key` is the i18n key of the sentence
 * ("orders.err.*", or "err.*" for a field's value), `params` its
 * interpolations (amounts already formatted), `field` the form field it is
 * about when there is one ("quantity", "lines.0.quantity").
 */
export class OrderError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(key);
    this.name = 'OrderError';
  }
}

/** Parses with a zod schema; the first problem becomes an OrderError naming its field. */
function parseOrRefuse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const message = issue?.message ?? '';
  const key = message.startsWith('err.') || message.startsWith('orders.err.') ? message : 'err.invalid';
  const params: Record<string, string | number> = issue && 'maximum' in issue ? { max: Number(issue.maximum) } : {};
  throw new OrderError(key, params, issue?.path.map(String).join('.') || undefined);
}

const DEFAULT_QUOTE_VALIDITY_DAYS = 30;
const DEFAULT_PAYMENT_TERM_DAYS = 30;

function counterNumber(prefix: 'C' | 'F' | 'A', year: string, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(4, '0')}`;
}

/** Takes the next number of a yearly series; call inside a rw transaction over `counters`. */
async function takeNumber(db: EtalDb, series: 'order' | 'invoice' | 'creditNote', year: string): Promise<number> {
  const key = `${series}:${year}`;
  const value = ((await db.counters.get(key))?.value ?? 0) + 1;
  await db.counters.put({ key, value });
  return value;
}

const byAt = <T extends { at: string }>(a: T, b: T) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

// ---------------------------------------------------------------- customers

export async function saveCustomer(db: EtalDb, form: CustomerForm, id?: string): Promise<Customer> {
  const fields = parseOrRefuse(customerFormSchema, form);
  const now = nowIso();
  return db.transaction('rw', db.customers, async () => {
    const existing = id ? await db.customers.get(id) : undefined;
    if (id && !existing) throw new OrderError('orders.err.customerNotFound');
    const customer = customerSchema.parse({
      ...fields,
      id: existing?.id ?? newId(),
      archived: existing?.archived ?? false,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await db.customers.put(customer);
    return customer;
  });
}

export async function archiveCustomer(db: EtalDb, id: string, archived: boolean): Promise<void> {
  const changed = await db.customers.update(id, { archived, updatedAt: nowIso() });
  if (changed === 0 && !(await db.customers.get(id))) throw new OrderError('orders.err.customerNotFound');
}

// ---------------------------------------------------------------- orders

/** Checks what the schema cannot: distinct line keys, known customer and products. */
async function checkOrderForm(db: EtalDb, form: z.infer<typeof orderFormSchema>): Promise<void> {
  const keys = new Set<string>();
  form.lines.forEach((line, i) => {
    if (keys.has(line.key)) throw new OrderError('orders.err.duplicateLine', {}, `lines.${i}.key`);
    keys.add(line.key);
  });
  if (!(await db.customers.get(form.customerId))) throw new OrderError('orders.err.customerNotFound', {}, 'customerId');
  const productIds = form.lines.map((l) => l.productId).filter((p): p is string => p !== undefined);
  const products = await db.products.bulkGet(productIds);
  const missing = products.findIndex((p) => p === undefined);
  if (missing >= 0) {
    const index = form.lines.findIndex((l) => l.productId === productIds[missing]);
    throw new OrderError('orders.err.productNotFound', {}, `lines.${index}.productId`);
  }
}

/**
 * A new order, as a quote: number C-<year>-NNNN (gapless per year), valid
 * for billing.quoteValidityDays (30 by default). A due day in the past is
 * allowed (the form warns). Tagged with the till's current market, if any.
 */
export async function createOrder(db: EtalDb, coop: Coop, form: OrderForm, memberId?: string, at = nowIso()): Promise<Order> {
  const fields = parseOrRefuse(orderFormSchema, form);
  const today = businessDay(at, coop.timeZone);
  const year = today.slice(0, 4);
  return db.transaction('rw', [db.orders, db.orderStatusChanges, db.counters, db.customers, db.products], async () => {
    await checkOrderForm(db, fields);
    const number = counterNumber('C', year, await takeNumber(db, 'order', year));
    const order = orderSchema.parse({
      ...fields,
      id: newId(),
      number,
      quoteValidUntil: shiftDay(today, coop.billing?.quoteValidityDays ?? DEFAULT_QUOTE_VALIDITY_DAYS),
      status: 'quote',
      ...(coop.currentEventId ? { eventId: coop.currentEventId } : {}),
      createdAt: at,
      updatedAt: at,
    });
    await db.orders.add(order);
    await db.orderStatusChanges.add(
      orderStatusChangeSchema.parse({ id: newId(), orderId: order.id, to: 'quote', at, ...(memberId ? { memberId } : {}) }),
    );
    return order;
  });
}

/**
 * Changes an order's customer, lines, due date, delivery, notes. Refused
 * ('orders.err.locked') once it is cancelled, invoiced, delivered or paid
 * (a delivered order whose invoice was reversed by a credit note can be
 * corrected and invoiced again), and refused when it would drop a line that
 * members have logged production on.
 */
export async function updateOrder(db: EtalDb, orderId: string, form: OrderForm): Promise<Order> {
  const fields = parseOrRefuse(orderFormSchema, form);
  return db.transaction('rw', [db.orders, db.invoices, db.customers, db.products, db.contributions], async () => {
    const order = await db.orders.get(orderId);
    if (!order) throw new OrderError('orders.err.orderNotFound');
    const invoices = await db.invoices.where('orderId').equals(orderId).toArray();
    if (isOrderLocked(order, invoices)) throw new OrderError('orders.err.locked', { number: order.number });
    await checkOrderForm(db, fields);
    const contributions = await db.contributions.where('orderId').equals(orderId).toArray();
    const kept = new Set(fields.lines.map((l) => l.key));
    for (const p of lineProgress(order, contributions)) {
      if (!kept.has(p.key) && p.produced !== 0) throw new OrderError('orders.err.lineHasContributions', { name: p.name });
    }
    const next = orderSchema.parse({ ...order, ...fields, updatedAt: nowIso() });
    // A put replaces the record: optional fields the form dropped (dueTime '') are the form's.
    await db.orders.put(next);
    return next;
  });
}

async function paidFor(db: EtalDb, orderId: string): Promise<OrderPayment[]> {
  return db.orderPayments.where('orderId').equals(orderId).toArray();
}

/**
 * Moves an order along devis → confirmée → en production → prête → livrée →
 * soldée, or to annulée with a reason; records who and when. 'paid' is
 * refused while something remains to pay.
 */
export async function setOrderStatus(
  db: EtalDb,
  orderId: string,
  to: OrderStatus,
  opts: { memberId?: string | undefined; reason?: string | undefined; at?: string | undefined } = {},
): Promise<Order> {
  const at = opts.at ?? nowIso();
  const reason = opts.reason?.trim() ?? '';
  return db.transaction('rw', [db.orders, db.orderStatusChanges, db.orderPayments], async () => {
    const order = await db.orders.get(orderId);
    if (!order) throw new OrderError('orders.err.orderNotFound');
    if (!canMoveTo(order.status, to)) throw new OrderError('orders.err.status', { from: order.status, to });
    if (to === 'cancelled' && !reason) throw new OrderError('orders.err.reasonRequired', {}, 'reason');
    if (reason.length > 200) throw new OrderError('err.tooLong', { max: 200 }, 'reason');
    if (to === 'paid') {
      const { remaining } = paymentState(orderTotals(order.lines).ttc, await paidFor(db, orderId));
      if (remaining > 0) throw new OrderError('orders.err.notPaid', { remaining: formatMoney(remaining) });
    }
    return moveTo(db, order, to, { at, memberId: opts.memberId, reason: reason || undefined });
  });
}

/** Writes the new status and its history line; call inside a rw transaction over orders and orderStatusChanges. */
async function moveTo(db: EtalDb, order: Order, to: OrderStatus, opts: { at: string; memberId?: string | undefined; reason?: string | undefined }): Promise<Order> {
  const next = orderSchema.parse({ ...order, status: to, ...(to === 'cancelled' ? { cancelReason: opts.reason } : {}), updatedAt: opts.at });
  await db.orders.put(next);
  await db.orderStatusChanges.add(
    orderStatusChangeSchema.parse({
      id: newId(),
      orderId: order.id,
      from: order.status,
      to,
      at: opts.at,
      ...(opts.memberId ? { memberId: opts.memberId } : {}),
      ...(opts.reason ? { reason: opts.reason } : {}),
    }),
  );
  return next;
}

// ---------------------------------------------------------------- payments

export type OrderPaymentInput = {
  orderId: string;
  kind: 'deposit' | 'payment';
  method: PaymentMethod;
  amount: number;
  /** The day the money came in (a transfer may arrive another day); today by default. */
  day?: string | undefined;
  memberId?: string | undefined;
  note?: string | undefined;
  at?: string | undefined;
};

const paymentInputSchema = z.object({
  kind: z.enum(['deposit', 'payment']),
  method: z.enum(paymentMethods, { error: 'err.noPayment' }),
  amount: z
    .number({ error: 'err.paymentAmount' })
    .refine((v) => Number.isSafeInteger(v) && v > 0, { error: 'err.paymentAmount' }),
  day: daySchema.optional(),
  note: z.string().trim().max(200, { error: 'err.tooLong' }).optional(),
});

/**
 * A deposit or payment received for an order, journalled (type
 * 'orderPayment') on this till's chain in the same transaction. It belongs to
 * the open business day, as a sale would (the day after the last Z when
 * today is closed). Refused on a cancelled order and above what remains to
 * pay. When it settles a delivered order, the order becomes 'paid'.
 */
export async function recordOrderPayment(db: EtalDb, coop: Coop, input: OrderPaymentInput): Promise<OrderPayment> {
  const fields = parseOrRefuse(paymentInputSchema, input);
  const at = input.at ?? nowIso();
  const note = fields.note || undefined;
  return db.transaction('rw', [db.orders, db.orderPayments, db.orderStatusChanges, db.journal, db.closings], async () => {
    const order = await db.orders.get(input.orderId);
    if (!order) throw new OrderError('orders.err.orderNotFound');
    if (order.status === 'cancelled') throw new OrderError('orders.err.cancelled', { number: order.number });
    const ttc = orderTotals(order.lines).ttc;
    const [payments, last, closed] = await Promise.all([paidFor(db, order.id), lastJournalEntry(db, coop.tillId), lastClosing(db, coop.tillId)]);
    const { remaining } = paymentState(ttc, payments);
    if (fields.amount > remaining) throw new OrderError('orders.err.overpay', { remaining: formatMoney(remaining) }, 'amount');
    const payment = orderPaymentSchema.parse({
      id: newId(),
      orderId: order.id,
      kind: fields.kind,
      method: fields.method,
      amount: fields.amount,
      day: fields.day ?? businessDay(at, coop.timeZone),
      tillId: coop.tillId,
      businessDay: openDayAfter(businessDay(at, coop.timeZone), closed?.businessDay),
      at,
      ...(input.memberId ? { memberId: input.memberId } : {}),
      ...(note ? { note } : {}),
    });
    await db.orderPayments.add(payment);
    await db.journal.add(nextEntry(last, { tillId: coop.tillId, type: 'orderPayment', recordId: payment.id, at, record: payment }));
    if (order.status === 'delivered' && remaining - payment.amount === 0) {
      await moveTo(db, order, 'paid', { at, memberId: input.memberId });
    }
    return payment;
  });
}

/** An order's payments received on one business day at one till (they count in that day's closing). */
export { orderPaymentsOfDay } from './closings';

// ---------------------------------------------------------------- contributions

export type ContributionInput = { orderId: string; memberId: string; lineKey?: string | undefined; quantity: number; minutes: number; day: string; at?: string | undefined };

const contributionInputSchema = z.object({
  orderId: idSchema,
  memberId: idSchema,
  lineKey: idSchema.optional(),
  quantity: positiveMilli,
  minutes: z
    .number({ error: 'err.minutes' })
    .int({ error: 'err.minutes' })
    .min(0, { error: 'err.quantityNegative' })
    .max(100_000, { error: 'err.minutes' }),
  day: daySchema,
});

/**
 * A member's part in an order: quantity produced (on a line, or on the
 * order's first product line) and/or minutes worked. Neither may be negative
 * (a mistake is undone with correctContribution), and not both zero.
 */
export async function recordContribution(db: EtalDb, input: ContributionInput): Promise<Contribution> {
  const fields = parseOrRefuse(contributionInputSchema, input);
  if (fields.quantity === 0 && fields.minutes === 0) throw new OrderError('orders.err.contributionEmpty', {}, 'quantity');
  const at = input.at ?? nowIso();
  return db.transaction('rw', [db.orders, db.members, db.contributions], async () => {
    const order = await db.orders.get(fields.orderId);
    if (!order) throw new OrderError('orders.err.orderNotFound');
    if (order.status === 'cancelled') throw new OrderError('orders.err.cancelled', { number: order.number });
    if (!(await db.members.get(fields.memberId))) throw new OrderError('orders.err.memberNotFound', {}, 'memberId');
    if (fields.lineKey !== undefined && !order.lines.some((l) => l.key === fields.lineKey)) {
      throw new OrderError('orders.err.lineNotFound', {}, 'lineKey');
    }
    const contribution = contributionSchema.parse({ ...fields, id: newId(), at });
    await db.contributions.add(contribution);
    return contribution;
  });
}

/** The counter-entry of a contribution: same line, quantity and minutes negated; the original untouched. */
export async function correctContribution(db: EtalDb, contributionId: string, at = nowIso()): Promise<Contribution> {
  return db.transaction('rw', db.contributions, async () => {
    const original = await db.contributions.get(contributionId);
    if (!original) throw new OrderError('orders.err.contributionNotFound');
    if (original.correctsId) throw new OrderError('orders.err.cannotCorrectCorrection');
    if ((await db.contributions.where('correctsId').equals(original.id).count()) > 0) throw new OrderError('orders.err.alreadyCorrected');
    const correction = contributionSchema.parse({
      ...original,
      id: newId(),
      quantity: original.quantity === 0 ? 0 : -original.quantity,
      minutes: original.minutes === 0 ? 0 : -original.minutes,
      correctsId: original.id,
      at,
    });
    await db.contributions.add(correction);
    return correction;
  });
}

// ---------------------------------------------------------------- documents

const neg = (v: number) => (v === 0 ? 0 : -v);

/*
 * The sentences frozen into a document. The PDF (shared/documents/order-pdf.ts)
 * adds the due date, "Pas d’escompte pour paiement anticipé" and, for a
 * business customer, the 40 € recovery indemnity itself: they are not
 * repeated here.
 */
function termsSentence(balance: number, termDays: number): string {
  if (balance <= 0) return 'Facture acquittée.';
  return termDays === 0 ? 'Paiement à réception de la facture.' : `Paiement à ${termDays} jours par virement, chèque ou espèces.`;
}

/** The late-payment penalty printed on quotes and invoices: the co-op's own sentence, or the legal default. */
export const DEFAULT_LATE_PENALTY =
  'En cas de retard de paiement, des pénalités sont exigibles au taux d’intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus récente, majoré de 10 points (art. L441-10 du Code de commerce).';

function penaltySentence(billing: BillingSettings | undefined): string {
  return billing?.latePenalty || DEFAULT_LATE_PENALTY;
}

/** The snapshot every order document shares (the invoice's shape), from the order as it stands. */
function snapshot(
  coop: Coop,
  order: Order,
  customer: Customer,
  payments: readonly OrderPayment[],
  dates: { issueDay: string; deliveryDay: string; dueDay: string; at: string },
): Omit<Invoice, 'id' | 'kind' | 'number' | 'paymentTerms' | 'latePenalty'> {
  const totals = orderTotals(order.lines);
  const alreadyPaid = paymentState(totals.ttc, payments).paid;
  const shareCapital = coop.cae.shareCapital?.trim() ?? '';
  const siren = sirenOf(customer.siret);
  const lines: InvoiceLine[] = order.lines.map((l) => ({
    name: l.name,
    unit: l.unit,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    unitPriceHt: htFromTtc(l.unitPrice, l.vatRate),
    vatRate: l.vatRate,
    total: orderLineTotal(l),
  }));
  return {
    orderId: order.id,
    orderNumber: order.number,
    tillId: coop.tillId,
    ...dates,
    seller: {
      name: coop.cae.name,
      legalForm: coop.cae.legalForm,
      address: coop.cae.address,
      siret: coop.cae.siret,
      vatNumber: coop.cae.vatNumber,
      rcs: coop.cae.rcs,
      coopName: coop.name,
      // Written only when set: an invoice without it hashes as it always did.
      ...(shareCapital ? { shareCapital } : {}),
    },
    customer: {
      name: customer.name,
      organisation: customer.organisation,
      address: customer.billingAddress,
      siret: customer.siret,
      vatNumber: customer.vatNumber,
      isBusiness: customer.siret !== '' || customer.vatNumber !== '',
      ...(siren ? { siren } : {}),
    },
    deliveryPlace: order.delivery.kind === 'address' ? order.delivery.place : '',
    customerRef: order.customerRef,
    nature: invoiceNature(order.lines),
    lines,
    byRate: totals.byRate,
    ttc: totals.ttc,
    ht: totals.ht,
    vat: totals.vat,
    alreadyPaid,
    balance: totals.ttc - alreadyPaid,
  };
}

/** Refuses any write that would replace an issued invoice or credit note (same id or same number). */
export async function assertInvoiceImmutable(db: EtalDb, invoice: Pick<Invoice, 'id' | 'number'>): Promise<void> {
  const existing = (await db.invoices.get(invoice.id)) ?? (await db.invoices.where('number').equals(invoice.number).first());
  if (existing) throw new OrderError('orders.err.invoiceIssued', { number: existing.number });
}

/** Stores a new invoice or credit note with its journal entry; call inside a rw transaction over invoices and journal. */
async function addInvoice(db: EtalDb, coop: Coop, invoice: Invoice): Promise<Invoice> {
  await assertInvoiceImmutable(db, invoice);
  const last = await lastJournalEntry(db, coop.tillId);
  await db.invoices.add(invoice);
  await db.journal.add(nextEntry(last, { tillId: coop.tillId, type: 'invoice', recordId: invoice.id, at: invoice.at, record: invoice }));
  return invoice;
}

const invoiceTables = (db: EtalDb) => [db.orders, db.customers, db.orderPayments, db.orderStatusChanges, db.invoices, db.counters, db.journal];

/**
 * Issues the invoice of a delivered (or paid) order: number F-<year>-NNNN
 * from its own gapless series, a frozen snapshot of every mention (seller,
 * customer, lines excl. VAT, VAT per rate, deposits received, balance, due
 * day, terms), journalled (type 'invoice'). One invoice per order unless the
 * previous one was reversed by a credit note.
 */
export async function issueInvoice(
  db: EtalDb,
  coop: Coop,
  orderId: string,
  opts: { memberId?: string | undefined; issueDay?: string | undefined; at?: string | undefined } = {},
): Promise<Invoice> {
  const at = opts.at ?? nowIso();
  const issueDay = opts.issueDay ?? businessDay(at, coop.timeZone);
  const year = issueDay.slice(0, 4);
  return db.transaction('rw', invoiceTables(db), async () => {
    const order = await db.orders.get(orderId);
    if (!order) throw new OrderError('orders.err.orderNotFound');
    if (order.status !== 'delivered' && order.status !== 'paid') throw new OrderError('orders.err.notDelivered', { number: order.number });
    const [invoices, customer, payments, changes] = await Promise.all([
      db.invoices.where('orderId').equals(orderId).toArray(),
      db.customers.get(order.customerId),
      paidFor(db, orderId),
      db.orderStatusChanges.where('orderId').equals(orderId).toArray(),
    ]);
    const live = liveInvoice(invoices);
    if (live) throw new OrderError('orders.err.alreadyInvoiced', { number: live.number });
    if (!customer) throw new OrderError('orders.err.customerNotFound');
    const delivered = changes.filter((c) => c.to === 'delivered').sort(byAt).pop();
    const termDays = coop.billing?.paymentTermDays ?? DEFAULT_PAYMENT_TERM_DAYS;
    const dueDay = shiftDay(issueDay, termDays);
    const base = snapshot(coop, order, customer, payments, {
      issueDay,
      deliveryDay: delivered ? businessDay(delivered.at, coop.timeZone) : issueDay,
      dueDay,
      at,
    });
    const number = counterNumber('F', year, await takeNumber(db, 'invoice', year));
    const invoice = invoiceSchema.parse({
      ...base,
      id: newId(),
      kind: 'invoice',
      number,
      paymentTerms: termsSentence(base.balance, termDays),
      latePenalty: penaltySentence(coop.billing),
      ...(opts.memberId ? { memberId: opts.memberId } : {}),
    });
    return addInvoice(db, coop, invoice);
  });
}

/**
 * The credit note (avoir) that reverses an invoice: number A-<year>-NNNN
 * from its own series, the invoice's lines and totals negated, naming the
 * invoice it cancels, journalled. The order can then be invoiced again.
 */
export async function issueCreditNote(
  db: EtalDb,
  coop: Coop,
  invoiceId: string,
  reason: string,
  opts: { memberId?: string | undefined; issueDay?: string | undefined; at?: string | undefined } = {},
): Promise<Invoice> {
  const why = reason.trim();
  if (!why) throw new OrderError('orders.err.reasonRequired', {}, 'reason');
  if (why.length > 200) throw new OrderError('err.tooLong', { max: 200 }, 'reason');
  const at = opts.at ?? nowIso();
  const issueDay = opts.issueDay ?? businessDay(at, coop.timeZone);
  const year = issueDay.slice(0, 4);
  return db.transaction('rw', invoiceTables(db), async () => {
    const invoice = await db.invoices.get(invoiceId);
    if (!invoice) throw new OrderError('orders.err.invoiceNotFound');
    if (invoice.kind !== 'invoice') throw new OrderError('orders.err.creditNoteOfCreditNote');
    const existing = await db.invoices.where('creditsId').equals(invoice.id).first();
    if (existing) throw new OrderError('orders.err.alreadyCredited', { number: invoice.number, creditNote: existing.number });
    const number = counterNumber('A', year, await takeNumber(db, 'creditNote', year));
    // Who issued the invoice is not who issues its credit note.
    const { memberId: issuedBy, ...source } = invoice;
    void issuedBy;
    const credit = invoiceSchema.parse({
      ...source,
      id: newId(),
      kind: 'creditNote',
      number,
      creditsId: invoice.id,
      creditsNumber: invoice.number,
      reason: why,
      issueDay,
      dueDay: issueDay,
      at,
      lines: invoice.lines.map((l) => ({ ...l, quantity: neg(l.quantity), total: neg(l.total) })),
      byRate: invoice.byRate.map((r) => ({ rate: r.rate, ht: neg(r.ht), vat: neg(r.vat), ttc: neg(r.ttc) })),
      ttc: neg(invoice.ttc),
      ht: neg(invoice.ht),
      vat: neg(invoice.vat),
      alreadyPaid: 0,
      balance: neg(invoice.ttc),
      // The PDF says which invoice it cancels and what to do with the amount.
      paymentTerms: '',
      latePenalty: '',
      ...(opts.memberId ? { memberId: opts.memberId } : {}),
    });
    return addInvoice(db, coop, credit);
  });
}

/**
 * A quote's document, in the invoice's shape, built from the order as it
 * stands (nothing stored): number = the order's, dated the day the order was
 * made, valid until quoteValidUntil, deposits already received deducted.
 * With `deposit`, the deposit asked for at acceptance (30 % → 216,00 €) is
 * printed and is the amount of its QR code.
 */
export async function orderDocumentFor(
  db: EtalDb,
  coop: Coop,
  orderId: string,
  kind: 'quote',
  opts: { deposit?: DepositRule } = {},
): Promise<OrderDocument> {
  return db.transaction('r', [db.orders, db.customers, db.orderPayments], async () => {
    const order = await db.orders.get(orderId);
    if (!order) throw new OrderError('orders.err.orderNotFound');
    const [customer, payments] = await Promise.all([db.customers.get(order.customerId), paidFor(db, orderId)]);
    if (!customer) throw new OrderError('orders.err.customerNotFound');
    const base = snapshot(coop, order, customer, payments, {
      issueDay: businessDay(order.createdAt, coop.timeZone),
      deliveryDay: order.dueDay,
      dueDay: order.quoteValidUntil,
      at: order.createdAt,
    });
    const requested = opts.deposit ? depositAmount(base.ttc, opts.deposit) : 0;
    const termDays = coop.billing?.paymentTermDays ?? DEFAULT_PAYMENT_TERM_DAYS;
    const balanceTerms = termDays === 0 ? 'solde à réception de la facture' : `solde à ${termDays} jours après la facture`;
    const paymentTerms =
      requested > 0
        ? `Acompte de ${formatMoney(requested)} à l’acceptation du devis, ${balanceTerms}.`
        : `Paiement à la livraison, ${balanceTerms}.`;
    return {
      ...base,
      id: order.id,
      kind,
      number: order.number,
      validUntil: order.quoteValidUntil,
      ...(requested > 0 ? { depositRequested: requested } : {}),
      paymentTerms,
      latePenalty: penaltySentence(coop.billing),
    };
  });
}

// ---------------------------------------------------------------- reading

export type OrderView = {
  order: Order;
  customer: Customer | undefined;
  totals: OrderTotals;
  payments: OrderPayment[];
  paid: number;
  remaining: number;
  contributions: Contribution[];
  byMember: MemberContribution[];
  progress: LineProgress[];
  invoices: Invoice[];
  statusChanges: OrderStatusChange[];
};

/** Everything the order screen shows, read in one transaction (lists oldest first). */
export async function orderView(db: EtalDb, orderId: string): Promise<OrderView> {
  return db.transaction('r', [db.orders, db.customers, db.orderPayments, db.contributions, db.invoices, db.orderStatusChanges], async () => {
    const order = await db.orders.get(orderId);
    if (!order) throw new OrderError('orders.err.orderNotFound');
    const [customer, payments, contributions, invoices, statusChanges] = await Promise.all([
      db.customers.get(order.customerId),
      paidFor(db, orderId),
      db.contributions.where('orderId').equals(orderId).toArray(),
      db.invoices.where('orderId').equals(orderId).toArray(),
      db.orderStatusChanges.where('orderId').equals(orderId).toArray(),
    ]);
    const totals = orderTotals(order.lines);
    const state = paymentState(totals.ttc, payments);
    contributions.sort(byAt);
    return {
      order,
      customer,
      totals,
      payments: payments.sort(byAt),
      paid: state.paid,
      remaining: state.remaining,
      contributions,
      byMember: contributionsByMember(contributions),
      progress: lineProgress(order, contributions),
      invoices: invoices.sort(byAt),
      statusChanges: statusChanges.sort(byAt),
    };
  });
}

function byDue(a: Order, b: Order): number {
  return a.dueDay.localeCompare(b.dueDay) || a.dueTime.localeCompare(b.dueTime) || a.number.localeCompare(b.number);
}

/** Every order, soonest due first (then by time of day, then number). */
export async function listOrders(db: EtalDb): Promise<Order[]> {
  return (await db.orders.toArray()).sort(byDue);
}

export type OrderSummary = {
  order: Order;
  customer: Customer | undefined;
  ttc: number;
  paid: number;
  remaining: number;
  /** Over the lines: quantity ordered and produced, in thousandths (mixed units add up only per line). */
  progress: LineProgress[];
};

/** What the orders board shows per order, soonest due first, read in one transaction. */
export async function listOrderSummaries(db: EtalDb): Promise<OrderSummary[]> {
  return db.transaction('r', [db.orders, db.customers, db.orderPayments, db.contributions], async () => {
    const [orders, customers, payments, contributions] = await Promise.all([
      db.orders.toArray(),
      db.customers.toArray(),
      db.orderPayments.toArray(),
      db.contributions.toArray(),
    ]);
    const customerById = new Map(customers.map((c) => [c.id, c]));
    return orders.sort(byDue).map((order) => {
      const ttc = orderTotals(order.lines).ttc;
      const state = paymentState(ttc, payments.filter((p) => p.orderId === order.id));
      return {
        order,
        customer: customerById.get(order.customerId),
        ttc,
        paid: state.paid,
        remaining: state.remaining,
        progress: lineProgress(order, contributions.filter((c) => c.orderId === order.id)),
      };
    });
  });
}

// ---------------------------------------------------------------- settings

/** The billing settings form, with the IBAN checked (format 'err.iban', checksum 'err.ibanChecksum'). */
export const billingFormSchema = billingSettingsSchema.superRefine((value, ctx) => {
  if (value.iban === '') return;
  const key = ibanErrorKey(value.iban);
  if (key) ctx.addIssue({ code: 'custom', message: key, path: ['iban'] });
});

/** Saves the bank account and terms printed on quotes and invoices. A bad IBAN is refused, with the reason. */
export async function saveBillingSettings(db: EtalDb, form: z.input<typeof billingSettingsSchema>): Promise<Coop> {
  const billing = parseOrRefuse(billingFormSchema, form);
  return updateCoop(db, { billing });
}
