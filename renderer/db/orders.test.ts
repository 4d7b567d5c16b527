import { Dexie } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { digestOf, nextEntry } from '../../shared/journal';
import { CUSTOMER_VAT_NUMBER_ABOVE_HT, invoiceNature, lineNature, shouldAskVatNumber, sirenOf } from '../../shared/orders';
import { invoiceSchema, type Coop, type Invoice, type Member, type OrderForm, type Product } from '../../shared/schemas';
import { updateCoop } from './catalog';
import { closeDay } from './closings';
import * as repo from './orders';
import {
  assertInvoiceImmutable,
  correctContribution,
  createOrder,
  DEFAULT_LATE_PENALTY,
  issueCreditNote,
  issueInvoice,
  listOrders,
  listOrderSummaries,
  orderDocumentFor,
  OrderError,
  orderView,
  recordContribution,
  recordOrderPayment,
  saveBillingSettings,
  saveCustomer,
  setOrderStatus,
  updateOrder,
} from './orders';
import type { EtalDb } from './db';
import { lastJournalEntry, recordSale, verifyTillJournal } from './sales';
import { cartLine, demoDb } from './testing';
import { catalogue, LANGUAGES } from '../i18n/i18n';
import epcSource from '../../shared/epc.ts?raw';
import ordersSource from './orders.ts?raw';

const DAY = '2026-11-23';
const at = (time: string, day = DAY) => `${day}T${time}:00.000Z`;

async function refused(promise: Promise<unknown>): Promise<OrderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OrderError) return error;
    throw error;
  }
  throw new Error('not refused');
}

type Ctx = { db: EtalDb; coop: Coop; product: (name: string) => Product; members: Member[]; customerId: string };

async function setup(): Promise<Ctx> {
  const { db, coop, product } = await demoDb();
  const customer = await saveCustomer(db, {
    name: 'Associations de la Goutte d’Or',
    organisation: 'Collectif des associations',
    phone: '01 42 00 00 00',
    email: 'contact@goutte-dor.example',
    billingAddress: '12 rue Léon, 75018 Paris',
    siret: '732 829 320 00074',
  });
  const members = (await db.members.toArray()).sort((a, b) => a.order - b.order);
  return { db, coop, product, members, customerId: customer.id };
}

/** The worked order: 60 m of garland at 12,00 €/m (20 %), due in 5 days. */
function garlandForm(ctx: Ctx, patch: Partial<OrderForm> = {}): OrderForm {
  const p = ctx.product('Guirlande wax au mètre');
  return {
    customerId: ctx.customerId,
    lines: [{ key: 'g', productId: p.id, name: 'Guirlande wax « espace public »', unit: 'metre', quantity: 60_000, unitPrice: 1200, vatRate: 2000 }],
    dueDay: '2026-11-28',
    dueTime: '10:00',
    delivery: { kind: 'address', place: 'Square Léon, 75018 Paris' },
    notes: 'Couleurs vives',
    customerRef: 'BC-2026-12',
    ...patch,
  };
}

/** An order taken to 'delivered' with the 30 % deposit paid by transfer. */
async function deliveredOrder(ctx: Ctx) {
  const order = await createOrder(ctx.db, ctx.coop, garlandForm(ctx), ctx.members[0]?.id, at('09:00'));
  await recordOrderPayment(ctx.db, ctx.coop, { orderId: order.id, kind: 'deposit', method: 'transfer', amount: 21_600, at: at('09:10') });
  for (const [i, to] of (['confirmed', 'inProduction', 'ready', 'delivered'] as const).entries()) {
    await setOrderStatus(ctx.db, order.id, to, { at: at(`09:2${i}`) });
  }
  return order;
}

describe('customers and orders', () => {
  it('creates a quote numbered C-2026-0001, valid 30 days, its first status recorded with who', async () => {
    const ctx = await setup();
    const order = await createOrder(ctx.db, ctx.coop, garlandForm(ctx), ctx.members[0]?.id, at('09:00'));
    expect(order).toMatchObject({ number: 'C-2026-0001', status: 'quote', quoteValidUntil: '2026-12-23', dueDay: '2026-11-28' });
    const view = await orderView(ctx.db, order.id);
    expect(view.totals).toMatchObject({ ttc: 72_000, ht: 60_000, vat: 12_000 });
    expect(view.remaining).toBe(72_000);
    expect(view.customer?.name).toBe('Associations de la Goutte d’Or');
    expect(view.statusChanges).toHaveLength(1);
    expect(view.statusChanges[0]).toMatchObject({ to: 'quote', memberId: ctx.members[0]?.id });
    expect(view.statusChanges[0]?.from).toBeUndefined();
  });

  it('uses the co-op’s quote validity when set', async () => {
    const ctx = await setup();
    const coop = await saveBillingSettings(ctx.db, { quoteValidityDays: 15 });
    const order = await createOrder(ctx.db, coop, garlandForm(ctx), undefined, at('09:00'));
    expect(order.quoteValidUntil).toBe('2026-12-08');
  });

  it('allows a due day in the past (the form warns)', async () => {
    const ctx = await setup();
    const order = await createOrder(ctx.db, ctx.coop, garlandForm(ctx, { dueDay: '2026-11-01' }), undefined, at('09:00'));
    expect(order.dueDay).toBe('2026-11-01');
  });

  it('refuses a negative quantity, naming the field, and uses up no number', async () => {
    const ctx = await setup();
    const form = garlandForm(ctx);
    const bad = { ...form, lines: form.lines.map((l) => ({ ...l, quantity: -5000 })) };
    const error = await refused(createOrder(ctx.db, ctx.coop, bad, undefined, at('09:00')));
    expect(error.key).toBe('err.quantityNegative');
    expect(error.field).toBe('lines.0.quantity');
    expect(await ctx.db.orders.count()).toBe(0);
    expect((await createOrder(ctx.db, ctx.coop, form, undefined, at('09:01'))).number).toBe('C-2026-0001');
  });

  it('refuses an unknown customer, and the same line key twice', async () => {
    const ctx = await setup();
    expect((await refused(createOrder(ctx.db, ctx.coop, garlandForm(ctx, { customerId: 'nobody' })))).key).toBe('orders.err.customerNotFound');
    const form = garlandForm(ctx);
    const twice = { ...form, lines: [...form.lines, ...form.lines] };
    const error = await refused(createOrder(ctx.db, ctx.coop, twice));
    expect(error).toMatchObject({ key: 'orders.err.duplicateLine', field: 'lines.1.key' });
    expect(await ctx.db.counters.get('order:2026')).toBeUndefined();
  });

  it('numbers 20 orders created at once 1 to 20, no gap, no duplicate', async () => {
    const ctx = await setup();
    const orders = await Promise.all(Array.from({ length: 20 }, () => createOrder(ctx.db, ctx.coop, garlandForm(ctx), undefined, at('09:00'))));
    const numbers = orders.map((o) => o.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `C-2026-${String(i + 1).padStart(4, '0')}`));
    expect(await ctx.db.counters.get('order:2026')).toEqual({ key: 'order:2026', value: 20 });
  });

  it('starts a new series each year', async () => {
    const ctx = await setup();
    await createOrder(ctx.db, ctx.coop, garlandForm(ctx), undefined, at('09:00', '2026-12-31'));
    const next = await createOrder(ctx.db, ctx.coop, garlandForm(ctx), undefined, at('09:00', '2027-01-02'));
    expect(next.number).toBe('C-2027-0001');
  });

  it('lists orders soonest due first', async () => {
    const ctx = await setup();
    await createOrder(ctx.db, ctx.coop, garlandForm(ctx, { dueDay: '2026-12-10' }));
    await createOrder(ctx.db, ctx.coop, garlandForm(ctx, { dueDay: '2026-11-30', dueTime: '15:00' }));
    await createOrder(ctx.db, ctx.coop, garlandForm(ctx, { dueDay: '2026-11-30', dueTime: '09:00' }));
    expect((await listOrders(ctx.db)).map((o) => [o.dueDay, o.dueTime])).toEqual([
      ['2026-11-30', '09:00'],
      ['2026-11-30', '15:00'],
      ['2026-12-10', '10:00'],
    ]);
    const board = await listOrderSummaries(ctx.db);
    expect(board[0]).toMatchObject({ ttc: 72_000, paid: 0, remaining: 72_000 });
  });

  it('edits a quote, but not a delivered order', async () => {
    const ctx = await setup();
    const order = await createOrder(ctx.db, ctx.coop, garlandForm(ctx), undefined, at('09:00'));
    const edited = await updateOrder(ctx.db, order.id, garlandForm(ctx, { notes: 'Rouge et jaune' }));
    expect(edited).toMatchObject({ number: 'C-2026-0001', notes: 'Rouge et jaune', status: 'quote' });
    const delivered = await deliveredOrder(ctx);
    expect((await refused(updateOrder(ctx.db, delivered.id, garlandForm(ctx, { notes: 'x' })))).key).toBe('orders.err.locked');
  });
});

describe('status machine', () => {
  it('refuses skipping steps, paid with something left, cancelling without a reason, and anything after cancel', async () => {
    const ctx = await setup();
    const order = await createOrder(ctx.db, ctx.coop, garlandForm(ctx), undefined, at('09:00'));
    expect(await refused(setOrderStatus(ctx.db, order.id, 'delivered'))).toMatchObject({ key: 'orders.err.status', params: { from: 'quote', to: 'delivered' } });
    expect((await refused(setOrderStatus(ctx.db, order.id, 'cancelled', { reason: '  ' }))).key).toBe('orders.err.reasonRequired');

    const delivered = await deliveredOrder(ctx);
    const notPaid = await refused(setOrderStatus(ctx.db, delivered.id, 'paid'));
    expect(notPaid.key).toBe('orders.err.notPaid');
    expect(notPaid.params.remaining).toMatch(/^504,00\s€$/);
    expect((await refused(setOrderStatus(ctx.db, delivered.id, 'cancelled', { reason: 'Trop tard' }))).key).toBe('orders.err.status');

    const cancelled = await setOrderStatus(ctx.db, order.id, 'cancelled', { reason: 'Fête annulée', memberId: ctx.members[1]?.id, at: at('11:00') });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Fête annulée' });
    expect((await refused(setOrderStatus(ctx.db, order.id, 'confirmed'))).key).toBe('orders.err.status');
    const changes = (await orderView(ctx.db, order.id)).statusChanges;
    expect(changes.at(-1)).toMatchObject({ from: 'quote', to: 'cancelled', reason: 'Fête annulée', memberId: ctx.members[1]?.id });
    expect((await refused(recordOrderPayment(ctx.db, ctx.coop, { orderId: order.id, kind: 'deposit', method: 'cash', amount: 100 }))).key).toBe('orders.err.cancelled');
  });
});

describe('deposits and payments', () => {
  it('30 % deposit by transfer, balance 504,00 € by cheque → soldée automatically, all journalled', async () => {
    const ctx = await setup();
    const order = await deliveredOrder(ctx);
    let view = await orderView(ctx.db, order.id);
    expect(view).toMatchObject({ paid: 21_600, remaining: 50_400 });
    expect(view.payments[0]).toMatchObject({ kind: 'deposit', method: 'transfer', amount: 21_600, tillId: ctx.coop.tillId, businessDay: DAY, day: DAY });

    const tooMuch = await refused(recordOrderPayment(ctx.db, ctx.coop, { orderId: order.id, kind: 'payment', method: 'cheque', amount: 50_401 }));
    expect(tooMuch).toMatchObject({ key: 'orders.err.overpay', field: 'amount' });
    expect(tooMuch.params.remaining).toMatch(/^504,00\s€$/);
    expect((await refused(recordOrderPayment(ctx.db, ctx.coop, { orderId: order.id, kind: 'payment', method: 'cheque', amount: -100 }))).key).toBe('err.paymentAmount');
    expect((await refused(recordOrderPayment(ctx.db, ctx.coop, { orderId: order.id, kind: 'payment', method: 'cheque', amount: 0 }))).key).toBe('err.paymentAmount');

    await recordOrderPayment(ctx.db, ctx.coop, { orderId: order.id, kind: 'payment', method: 'cheque', amount: 50_400, memberId: ctx.members[2]?.id, at: at('16:00') });
    view = await orderView(ctx.db, order.id);
    expect(view).toMatchObject({ paid: 72_000, remaining: 0 });
    expect(view.order.status).toBe('paid');
    expect(view.statusChanges.at(-1)).toMatchObject({ from: 'delivered', to: 'paid', memberId: ctx.members[2]?.id });
    const report = await verifyTillJournal(ctx.db, ctx.coop.tillId);
    expect(report).toMatchObject({ ok: true, entries: 2 });
    expect((await ctx.db.journal.toArray()).map((e) => e.type)).toEqual(['orderPayment', 'orderPayment']);
  });

  it('takes a payment on the open business day: after today’s Z it goes to tomorrow’s closing', async () => {
    const ctx = await setup();
    const order = await createOrder(ctx.db, ctx.coop, garlandForm(ctx), undefined, at('09:00'));
    await closeDay(ctx.db, ctx.coop, { day: DAY, count: [], countedBy: 'Aminata', at: at('17:00') });
    const payment = await recordOrderPayment(ctx.db, ctx.coop, { orderId: order.id, kind: 'deposit', method: 'cash', amount: 21_600, at: at('18:00') });
    expect(payment).toMatchObject({ day: DAY, businessDay: '2026-11-24' });
    expect(await repo.orderPaymentsOfDay(ctx.db, ctx.coop.tillId, '2026-11-24')).toHaveLength(1);
    expect((await verifyTillJournal(ctx.db, ctx.coop.tillId)).ok).toBe(true);
  });

  it('rolls the payment back with its journal entry when the entry cannot be written', async () => {
    const ctx = await setup();
    const order = await createOrder(ctx.db, ctx.coop, garlandForm(ctx), undefined, at('09:00'));
    vi.spyOn(ctx.db.journal, 'add').mockImplementationOnce(() => Dexie.Promise.reject(new Error('disk full')));
    await expect(recordOrderPayment(ctx.db, ctx.coop, { orderId: order.id, kind: 'deposit', method: 'cash', amount: 1000 })).rejects.toThrow('disk full');
    expect(await ctx.db.orderPayments.count()).toBe(0);
  });
});

describe('contributions', () => {
  it('three members, a mistake corrected: progress 38 / 60 m and who made what', async () => {
    const ctx = await setup();
    const order = await createOrder(ctx.db, ctx.coop, garlandForm(ctx), undefined, at('09:00'));
    const [awa, fatou, mariam] = ctx.members.map((m) => m.id) as [string, string, string];
    await recordContribution(ctx.db, { orderId: order.id, memberId: awa, lineKey: 'g', quantity: 12_000, minutes: 240, day: DAY, at: at('10:01') });
    await recordContribution(ctx.db, { orderId: order.id, memberId: fatou, quantity: 20_000, minutes: 0, day: DAY, at: at('10:02') });
    const wrong = await recordContribution(ctx.db, { orderId: order.id, memberId: mariam, lineKey: 'g', quantity: 10_000, minutes: 0, day: DAY, at: at('10:03') });
    const correction = await correctContribution(ctx.db, wrong.id, at('10:04'));
    expect(correction).toMatchObject({ quantity: -10_000, correctsId: wrong.id, lineKey: 'g', memberId: mariam });
    await recordContribution(ctx.db, { orderId: order.id, memberId: mariam, lineKey: 'g', quantity: 6000, minutes: 60, day: DAY, at: at('10:05') });
    const view = await orderView(ctx.db, order.id);
    expect(view.progress).toEqual([{ key: 'g', name: 'Guirlande wax « espace public »', unit: 'metre', ordered: 60_000, produced: 38_000 }]);
    expect(view.byMember).toEqual([
      { memberId: awa, quantity: 12_000, minutes: 240 },
      { memberId: fatou, quantity: 20_000, minutes: 0 },
      { memberId: mariam, quantity: 6000, minutes: 60 },
    ]);
    expect(view.contributions).toHaveLength(5);
    expect((await refused(correctContribution(ctx.db, wrong.id))).key).toBe('orders.err.alreadyCorrected');
    expect((await refused(correctContribution(ctx.db, correction.id))).key).toBe('orders.err.cannotCorrectCorrection');
  });

  it('refuses negative quantity or minutes (naming the field), nothing at all, an unknown line', async () => {
    const ctx = await setup();
    const order = await createOrder(ctx.db, ctx.coop, garlandForm(ctx), undefined, at('09:00'));
    const base = { orderId: order.id, memberId: ctx.members[0]?.id ?? '', day: DAY };
    expect(await refused(recordContribution(ctx.db, { ...base, quantity: -3000, minutes: 0 }))).toMatchObject({ key: 'err.quantityNegative', field: 'quantity' });
    expect(await refused(recordContribution(ctx.db, { ...base, quantity: 3000, minutes: -10 }))).toMatchObject({ key: 'err.quantityNegative', field: 'minutes' });
    expect(await refused(recordContribution(ctx.db, { ...base, quantity: 1.5, minutes: 0 }))).toMatchObject({ key: 'err.quantityDecimals', field: 'quantity' });
    expect(await refused(recordContribution(ctx.db, { ...base, quantity: 0, minutes: 0 }))).toMatchObject({ key: 'orders.err.contributionEmpty' });
    expect(await refused(recordContribution(ctx.db, { ...base, lineKey: 'nope', quantity: 1000, minutes: 0 }))).toMatchObject({ key: 'orders.err.lineNotFound' });
    expect(await ctx.db.contributions.count()).toBe(0);
  });

  it('refuses an edit that would drop a line members have produced on', async () => {
    const ctx = await setup();
    const order = await createOrder(ctx.db, ctx.coop, garlandForm(ctx), undefined, at('09:00'));
    await recordContribution(ctx.db, { orderId: order.id, memberId: ctx.members[0]?.id ?? '', lineKey: 'g', quantity: 5000, minutes: 0, day: DAY });
    const other = garlandForm(ctx, { lines: [{ key: 'h', name: 'Autre', unit: 'piece', quantity: 1000, unitPrice: 1000, vatRate: 2000 }] });
    expect((await refused(updateOrder(ctx.db, order.id, other))).key).toBe('orders.err.lineHasContributions');
  });
});

describe('invoices and credit notes', () => {
  it('is refused before delivery', async () => {
    const ctx = await setup();
    const order = await createOrder(ctx.db, ctx.coop, garlandForm(ctx), undefined, at('09:00'));
    expect((await refused(issueInvoice(ctx.db, ctx.coop, order.id))).key).toBe('orders.err.notDelivered');
    expect(await ctx.db.counters.get('invoice:2026')).toBeUndefined();
  });

  it('freezes every mention: F-2026-0001, lines excl. VAT, VAT per rate, deposit received, balance 504,00 €, due in 30 days', async () => {
    const ctx = await setup();
    const order = await deliveredOrder(ctx);
    const invoice = await issueInvoice(ctx.db, ctx.coop, order.id, { memberId: ctx.members[0]?.id, at: at('10:00', '2026-11-28') });
    expect(invoice).toMatchObject({
      kind: 'invoice',
      number: 'F-2026-0001',
      orderNumber: 'C-2026-0001',
      issueDay: '2026-11-28',
      deliveryDay: DAY,
      dueDay: '2026-12-28',
      tillId: ctx.coop.tillId,
      deliveryPlace: 'Square Léon, 75018 Paris',
      customerRef: 'BC-2026-12',
      ttc: 72_000,
      ht: 60_000,
      vat: 12_000,
      byRate: [{ rate: 2000, ttc: 72_000, ht: 60_000, vat: 12_000 }],
      alreadyPaid: 21_600,
      balance: 50_400,
    });
    expect(invoice.lines).toEqual([{ name: 'Guirlande wax « espace public »', unit: 'metre', quantity: 60_000, unitPrice: 1200, unitPriceHt: 1000, vatRate: 2000, total: 72_000 }]);
    expect(invoice.seller).toMatchObject({ name: ctx.coop.cae.name, siret: ctx.coop.cae.siret, vatNumber: ctx.coop.cae.vatNumber, coopName: ctx.coop.name });
    expect(invoice.customer).toMatchObject({ name: 'Associations de la Goutte d’Or', address: '12 rue Léon, 75018 Paris', siret: '73282932000074', isBusiness: true });
    expect(invoice.paymentTerms).toBe('Paiement à 30 jours par virement, chèque ou espèces.');
    expect(invoice.latePenalty).toBe(DEFAULT_LATE_PENALTY);
    // The snapshot does not follow later changes to the customer.
    await saveCustomer(ctx.db, { name: 'Autre nom' }, order.customerId);
    expect((await ctx.db.invoices.get(invoice.id))?.customer.name).toBe('Associations de la Goutte d’Or');
  });

  it('freezes the co-op’s own terms, and says "acquittée" when everything was paid before issue', async () => {
    const ctx = await setup();
    const coop = await saveBillingSettings(ctx.db, { paymentTermDays: 0, latePenalty: 'Pénalités : 3 fois le taux d’intérêt légal.' });
    const order = await deliveredOrder({ ...ctx, coop });
    await recordOrderPayment(ctx.db, coop, { orderId: order.id, kind: 'payment', method: 'cash', amount: 50_400, at: at('09:30') });
    const invoice = await issueInvoice(ctx.db, coop, order.id, { at: at('10:00') });
    expect(invoice).toMatchObject({ alreadyPaid: 72_000, balance: 0, dueDay: DAY, paymentTerms: 'Facture acquittée.', latePenalty: 'Pénalités : 3 fois le taux d’intérêt légal.' });
    // Later settings do not change an issued invoice.
    await saveBillingSettings(ctx.db, { latePenalty: 'Autre' });
    expect((await ctx.db.invoices.get(invoice.id))?.latePenalty).toBe('Pénalités : 3 fois le taux d’intérêt légal.');
  });

  it('cannot be changed: no update function, the order is locked, and a second write of the same id or number is refused', async () => {
    const ctx = await setup();
    const order = await deliveredOrder(ctx);
    const invoice = await issueInvoice(ctx.db, ctx.coop, order.id, { at: at('10:00') });
    expect(Object.keys(repo).filter((name) => /invoice/i.test(name) && /update|edit|save|put/i.test(name))).toEqual([]);
    expect((await refused(issueInvoice(ctx.db, ctx.coop, order.id))).key).toBe('orders.err.alreadyInvoiced');
    expect((await refused(updateOrder(ctx.db, order.id, garlandForm(ctx, { notes: 'changé' })))).key).toBe('orders.err.locked');
    const changed = { ...invoice, ttc: 1, balance: 1 };
    expect(await refused(assertInvoiceImmutable(ctx.db, changed))).toMatchObject({ key: 'orders.err.invoiceIssued', params: { number: 'F-2026-0001' } });
    expect((await refused(assertInvoiceImmutable(ctx.db, { ...changed, id: 'another-id' }))).key).toBe('orders.err.invoiceIssued');
    expect(await ctx.db.invoices.get(invoice.id)).toEqual(invoice);
    expect((await verifyTillJournal(ctx.db, ctx.coop.tillId)).ok).toBe(true);
  });

  it('numbers 20 invoices issued at once F-2026-0001 to 0020, and the same order invoiced 5 times at once only once', async () => {
    const ctx = await setup();
    const orders = [];
    for (let i = 0; i < 20; i += 1) orders.push(await deliveredOrder(ctx));
    const invoices = await Promise.all(orders.map((o) => issueInvoice(ctx.db, ctx.coop, o.id, { at: at('12:00') })));
    expect(invoices.map((i) => i.number).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `F-2026-${String(i + 1).padStart(4, '0')}`));

    const extra = await deliveredOrder(ctx);
    const attempts = await Promise.allSettled(Array.from({ length: 5 }, () => issueInvoice(ctx.db, ctx.coop, extra.id, { at: at('13:00') })));
    const issued = attempts.filter((a) => a.status === 'fulfilled');
    expect(issued).toHaveLength(1);
    expect(issued[0]?.status === 'fulfilled' && issued[0].value.number).toBe('F-2026-0021');
    for (const a of attempts.filter((x) => x.status === 'rejected')) expect((a.reason as OrderError).key).toBe('orders.err.alreadyInvoiced');
    expect(await ctx.db.counters.get('invoice:2026')).toEqual({ key: 'invoice:2026', value: 21 });
    const report = await verifyTillJournal(ctx.db, ctx.coop.tillId);
    expect(report.ok).toBe(true);
  });

  it('a credit note reverses the invoice in its own A- series; the order can then be corrected and invoiced again', async () => {
    const ctx = await setup();
    const order = await deliveredOrder(ctx);
    const invoice = await issueInvoice(ctx.db, ctx.coop, order.id, { at: at('10:00') });
    expect((await refused(issueCreditNote(ctx.db, ctx.coop, invoice.id, ' '))).key).toBe('orders.err.reasonRequired');
    const credit = await issueCreditNote(ctx.db, ctx.coop, invoice.id, 'Quantité livrée : 58 m', { at: at('11:00') });
    expect(credit).toMatchObject({
      kind: 'creditNote',
      number: 'A-2026-0001',
      creditsId: invoice.id,
      creditsNumber: 'F-2026-0001',
      reason: 'Quantité livrée : 58 m',
      orderId: order.id,
      ttc: -72_000,
      ht: -60_000,
      vat: -12_000,
      byRate: [{ rate: 2000, ttc: -72_000, ht: -60_000, vat: -12_000 }],
      balance: -72_000,
    });
    expect(credit.lines).toEqual([{ ...invoice.lines[0], quantity: -60_000, total: -72_000 }]);
    expect(credit.customer).toEqual(invoice.customer);
    expect((await refused(issueCreditNote(ctx.db, ctx.coop, invoice.id, 'encore'))).key).toBe('orders.err.alreadyCredited');
    expect((await refused(issueCreditNote(ctx.db, ctx.coop, credit.id, 'encore'))).key).toBe('orders.err.creditNoteOfCreditNote');
    // The original is untouched.
    expect(await ctx.db.invoices.get(invoice.id)).toEqual(invoice);

    const form = garlandForm(ctx);
    await updateOrder(ctx.db, order.id, { ...form, lines: form.lines.map((l) => ({ ...l, quantity: 58_000 })) });
    const again = await issueInvoice(ctx.db, ctx.coop, order.id, { at: at('12:00') });
    expect(again).toMatchObject({ number: 'F-2026-0002', ttc: 69_600, alreadyPaid: 21_600, balance: 48_000 });
    expect((await orderView(ctx.db, order.id)).invoices.map((i) => i.number)).toEqual(['F-2026-0001', 'A-2026-0001', 'F-2026-0002']);
  });

  it('the till’s journal still verifies after sales, payments, an invoice and a credit note, in order', async () => {
    const ctx = await setup();
    await recordSale(ctx.db, ctx.coop, { cart: { lines: [cartLine(ctx.product('Chouchou wax'), 1000)] }, payments: [{ method: 'cash', amount: 400 }], at: at('08:30') });
    const order = await deliveredOrder(ctx);
    const invoice = await issueInvoice(ctx.db, ctx.coop, order.id, { at: at('10:00') });
    await issueCreditNote(ctx.db, ctx.coop, invoice.id, 'Erreur de client', { at: at('10:30') });
    await issueInvoice(ctx.db, ctx.coop, order.id, { at: at('10:45') });
    await recordOrderPayment(ctx.db, ctx.coop, { orderId: order.id, kind: 'payment', method: 'cheque', amount: 50_400, at: at('11:00') });
    const report = await verifyTillJournal(ctx.db, ctx.coop.tillId);
    expect(report).toMatchObject({ ok: true, entries: 6 });
    expect((await ctx.db.journal.toArray()).map((e) => e.type)).toEqual(['sale', 'orderPayment', 'invoice', 'invoice', 'invoice', 'orderPayment']);
    // Tampering with an issued invoice is seen.
    const stored = await ctx.db.invoices.get(invoice.id);
    await ctx.db.invoices.put({ ...(stored as NonNullable<typeof stored>), balance: 0 });
    expect((await verifyTillJournal(ctx.db, ctx.coop.tillId)).problem).toMatchObject({ kind: 'digest', recordId: invoice.id });
  });
});

describe('quote document', () => {
  it('is the order as it stands, in the invoice’s shape, with the 30 % deposit asked for', async () => {
    const ctx = await setup();
    const order = await createOrder(ctx.db, ctx.coop, garlandForm(ctx), undefined, at('09:00'));
    const doc = await orderDocumentFor(ctx.db, ctx.coop, order.id, 'quote', { deposit: { kind: 'percent', value: 3000 } });
    expect(doc).toMatchObject({
      kind: 'quote',
      number: 'C-2026-0001',
      issueDay: DAY,
      validUntil: '2026-12-23',
      deliveryDay: '2026-11-28',
      ttc: 72_000,
      ht: 60_000,
      alreadyPaid: 0,
      balance: 72_000,
      depositRequested: 21_600,
    });
    expect(doc.paymentTerms).toMatch(/^Acompte de 216,00\s€/);
    expect(await ctx.db.invoices.count()).toBe(0);
  });
});

describe('billing settings', () => {
  it('refuses an IBAN with a bad checksum, with the reason and the field, and keeps the old settings', async () => {
    const ctx = await setup();
    const error = await refused(saveBillingSettings(ctx.db, { iban: 'FR76 3000 6000 0112 3456 7890 188', bic: 'SOGEFRPP' }));
    expect(error).toMatchObject({ key: 'err.ibanChecksum', field: 'iban' });
    expect((await refused(saveBillingSettings(ctx.db, { iban: 'FR76 3000' }))).key).toBe('err.iban');
    expect((await ctx.db.coop.get('coop'))?.billing).toBeUndefined();
    const coop = await saveBillingSettings(ctx.db, { accountHolder: 'Coop’Horizons', iban: 'fr76 3000 6000 0112 3456 7890 189', bic: 'sogefrpp', paymentTermDays: 15 });
    expect(coop.billing).toMatchObject({ iban: 'FR7630006000011234567890189', bic: 'SOGEFRPP', paymentTermDays: 15, quoteValidityDays: 30 });
  });
});

describe('refusals in words', () => {
  it('has a sentence in every language for every refusal the repository and the QR code can give', () => {
    const used = [...new Set([...`${ordersSource}\n${epcSource}`.matchAll(/'((?:orders\.)?err\.[a-zA-Z]+)'/g)].map((m) => m[1] as string))];
    expect(used).toContain('orders.err.invoiceIssued');
    expect(used).toContain('err.ibanChecksum');
    expect(used.length).toBeGreaterThan(25);
    const lookup = (node: unknown, key: string): unknown => key.split('.').reduce<unknown>((n, k) => (typeof n === 'object' && n ? (n as Record<string, unknown>)[k] : undefined), node);
    for (const { code } of LANGUAGES) {
      const missing = used.filter((key) => typeof lookup(catalogue(code), key) !== 'string');
      expect(missing, code).toEqual([]);
    }
  });
});

describe('the mentions added for 2027: share capital, customer SIREN, goods or services', () => {
  const freeService = { key: 'b', name: 'Buffet pour 40 personnes', unit: 'portion', quantity: 40_000, unitPrice: 1500, vatRate: 1000 } as const;

  it('freezes the CAE’s share capital, the customer’s SIREN and the nature of the sale into a new invoice', async () => {
    const ctx = await setup();
    expect(ctx.coop.cae).toMatchObject({ legalForm: 'SCOP SA', shareCapital: 'à capital variable' });
    const order = await deliveredOrder(ctx);
    const invoice = await issueInvoice(ctx.db, ctx.coop, order.id, { at: at('10:00', '2026-11-28') });
    expect(invoice.seller).toMatchObject({ legalForm: 'SCOP SA', shareCapital: 'à capital variable' });
    // SIRET 732 829 320 00074 → SIREN 732 829 320.
    expect(invoice.customer).toMatchObject({ siret: '73282932000074', siren: '732829320', isBusiness: true });
    expect(invoice.nature).toBe('goods');
    // Frozen: a later change of the CAE's capital does not touch it.
    await updateCoop(ctx.db, { cae: { ...ctx.coop.cae, shareCapital: '10 000 €' } });
    expect((await ctx.db.invoices.get(invoice.id))?.seller.shareCapital).toBe('à capital variable');
  });

  it('says services for a catering line, both for a product with a service, goods for a free line marked as an object', async () => {
    const ctx = await setup();
    const quote = async (lines: OrderForm['lines']) => {
      const order = await createOrder(ctx.db, ctx.coop, garlandForm(ctx, { lines }), undefined, at('09:00'));
      return (await orderDocumentFor(ctx.db, ctx.coop, order.id, 'quote')).nature;
    };
    const garland = garlandForm(ctx).lines[0]!;
    expect(await quote([freeService])).toBe('services');
    expect(await quote([garland, freeService])).toBe('both');
    expect(await quote([{ ...freeService, name: 'Nappe brodée sur mesure', unit: 'piece', vatRate: 2000, nature: 'goods' }])).toBe('goods');
    expect(await quote([garland])).toBe('goods');
    // The marking is kept on the order (a free line's nature comes back into the form).
    const marked = await createOrder(ctx.db, ctx.coop, garlandForm(ctx, { lines: [{ ...freeService, nature: 'goods' }] }), undefined, at('09:00'));
    expect((await ctx.db.orders.get(marked.id))?.lines[0]?.nature).toBe('goods');
  });

  it('writes no share capital or SIREN when there is none: the record keeps its old shape', async () => {
    const ctx = await setup();
    const { shareCapital, ...caeWithout } = ctx.coop.cae;
    expect(shareCapital).toBe('à capital variable');
    const coop = await updateCoop(ctx.db, { cae: caeWithout });
    const privateCustomer = await saveCustomer(ctx.db, { name: 'Mme Diallo', billingAddress: '3 rue Myrha, 75018 Paris' });
    const order = await deliveredOrder({ ...ctx, coop, customerId: privateCustomer.id });
    const invoice = await issueInvoice(ctx.db, coop, order.id, { at: at('10:00') });
    expect(Object.keys(invoice.seller)).not.toContain('shareCapital');
    expect(Object.keys(invoice.customer)).not.toContain('siren');
    expect(invoice.customer.isBusiness).toBe(false);
    // An empty share capital typed in the settings is not written either.
    const blank = await updateCoop(ctx.db, { cae: { ...caeWithout, shareCapital: '  ' } });
    const doc = await orderDocumentFor(ctx.db, blank, order.id, 'quote');
    expect(Object.keys(doc.seller)).not.toContain('shareCapital');
  });

  it('an invoice issued before these mentions still parses, still verifies in the journal, and its credit note too', async () => {
    const ctx = await setup();
    // As the earlier version wrote it: no seller.shareCapital, no customer.siren, no nature.
    const old: Invoice = {
      id: 'old-invoice-1',
      kind: 'invoice',
      number: 'F-2026-0001',
      orderId: 'old-order-1',
      orderNumber: 'C-2026-0001',
      tillId: ctx.coop.tillId,
      issueDay: '2026-11-20',
      deliveryDay: '2026-11-20',
      dueDay: '2026-12-20',
      at: at('10:00', '2026-11-20'),
      seller: {
        name: ctx.coop.cae.name,
        address: ctx.coop.cae.address,
        siret: ctx.coop.cae.siret,
        vatNumber: ctx.coop.cae.vatNumber,
        legalForm: 'SCOP SA à capital variable',
        rcs: ctx.coop.cae.rcs,
        coopName: ctx.coop.name,
      },
      customer: { name: 'Associations de la Goutte d’Or', organisation: '', address: '12 rue Léon, 75018 Paris', siret: '73282932000074', vatNumber: '', isBusiness: true },
      deliveryPlace: '',
      customerRef: '',
      lines: [{ name: 'Guirlande wax au mètre', unit: 'metre', quantity: 60_000, unitPrice: 1200, unitPriceHt: 1000, vatRate: 2000, total: 72_000 }],
      byRate: [{ rate: 2000, ht: 60_000, vat: 12_000, ttc: 72_000 }],
      ttc: 72_000,
      ht: 60_000,
      vat: 12_000,
      alreadyPaid: 0,
      balance: 72_000,
      paymentTerms: 'Paiement à 30 jours par virement, chèque ou espèces.',
      latePenalty: DEFAULT_LATE_PENALTY,
    };
    const entry = nextEntry(await lastJournalEntry(ctx.db, ctx.coop.tillId), { tillId: ctx.coop.tillId, type: 'invoice', recordId: old.id, at: old.at, record: old });
    await ctx.db.invoices.add(old);
    await ctx.db.journal.add(entry);

    const parsed = invoiceSchema.parse(await ctx.db.invoices.get(old.id));
    expect(parsed).toEqual(old);
    expect(Object.keys(parsed)).not.toContain('nature');
    expect(digestOf(parsed)).toBe(entry.digest);

    // New invoices (with the new mentions) and a credit note of the old one join the same chain.
    await ctx.db.counters.put({ key: 'invoice:2026', value: 1 });
    const order = await deliveredOrder(ctx);
    const fresh = await issueInvoice(ctx.db, ctx.coop, order.id, { at: at('10:00', '2026-11-28') });
    expect(fresh.number).toBe('F-2026-0002');
    expect(fresh.nature).toBe('goods');
    const credit = await issueCreditNote(ctx.db, ctx.coop, old.id, 'Erreur de client', { at: at('11:00', '2026-11-28') });
    // The credit note repeats the invoice as it was: still no new mention.
    expect(Object.keys(credit)).not.toContain('nature');
    expect(Object.keys(credit.seller)).not.toContain('shareCapital');
    const report = await verifyTillJournal(ctx.db, ctx.coop.tillId);
    expect(report.problem).toBeUndefined();
    expect(report.ok).toBe(true);
  });
});

describe('pure helpers for the invoice mentions', () => {
  it('asks for the VAT number of a business customer without one, above 150,00 € excl. VAT only', () => {
    const business = { siret: '73282932000074', vatNumber: '' };
    expect(CUSTOMER_VAT_NUMBER_ABOVE_HT).toBe(15_000);
    // The garland order: 600,00 € excl. VAT.
    expect(shouldAskVatNumber(business, 60_000)).toBe(true);
    expect(shouldAskVatNumber(business, 15_001)).toBe(true);
    expect(shouldAskVatNumber(business, 15_000)).toBe(false);
    expect(shouldAskVatNumber({ ...business, vatNumber: 'FR40303265045' }, 60_000)).toBe(false);
    expect(shouldAskVatNumber({ siret: '', vatNumber: '' }, 60_000)).toBe(false);
  });

  it('derives the SIREN from the SIRET and the nature from the lines', () => {
    expect(sirenOf('732 829 320 00074')).toBe('732829320');
    expect(sirenOf('')).toBe('');
    expect(sirenOf('7328293200007')).toBe('');
    expect(lineNature({ productId: 'p1' })).toBe('goods');
    expect(lineNature({ productId: 'p1', nature: 'service' })).toBe('goods');
    expect(lineNature({})).toBe('service');
    expect(lineNature({ nature: 'goods' })).toBe('goods');
    expect(invoiceNature([{ productId: 'p1' }, { nature: 'goods' }])).toBe('goods');
    expect(invoiceNature([{}, { nature: 'service' }])).toBe('services');
    expect(invoiceNature([{ productId: 'p1' }, {}])).toBe('both');
  });
});
