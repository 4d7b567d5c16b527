/**
 * The order form while a person types: quantities and prices as text,
 * checked into the repository's OrderForm or into one sentence per field.
 * A refusal never touches the draft, so nothing typed is lost.
 */
import { formatAmount, formatQuantity } from '../../../shared/format';
import { parseMoney } from '../../../shared/money';
import {
  customerFormSchema,
  orderFormSchema,
  type Customer,
  type CustomerForm,
  type LineNature,
  type Order,
  type OrderForm,
  type OrderLine,
  type Product,
  type Unit,
} from '../../../shared/schemas';
import { check, type Checked } from '../../ui/checked';
import { parseSignedQuantity } from '../catalog/drafts';

export type LineDraft = {
  key: string;
  productId?: string | undefined;
  name: string;
  unit: Unit;
  /** As typed: "60", "1,5". */
  quantity: string;
  /** Incl. VAT, as typed: "12,00". */
  unitPrice: string;
  vatRate: number;
  /** A free line: an object (goods) or a service; a catalogue product is always goods. */
  nature?: LineNature | undefined;
};

export type OrderDraft = {
  customerId: string;
  lines: LineDraft[];
  dueDay: string;
  dueTime: string;
  deliveryKind: 'stall' | 'address';
  place: string;
  notes: string;
  customerRef: string;
};

export function emptyOrderDraft(dueDay: string): OrderDraft {
  return { customerId: '', lines: [], dueDay, dueTime: '', deliveryKind: 'stall', place: '', notes: '', customerRef: '' };
}

export function orderDraftFrom(order: Order): OrderDraft {
  return {
    customerId: order.customerId,
    lines: order.lines.map((l) => ({
      key: l.key,
      productId: l.productId,
      name: l.name,
      unit: l.unit,
      quantity: formatQuantity(l.quantity),
      unitPrice: formatAmount(l.unitPrice),
      vatRate: l.vatRate,
      ...(l.productId ? {} : { nature: l.nature ?? 'service' }),
    })),
    dueDay: order.dueDay,
    dueTime: order.dueTime,
    deliveryKind: order.delivery.kind,
    place: order.delivery.kind === 'address' ? order.delivery.place : '',
    notes: order.notes,
    customerRef: order.customerRef,
  };
}

export function lineFromProduct(key: string, product: Product): LineDraft {
  return { key, productId: product.id, name: product.name, unit: product.unit, quantity: '', unitPrice: formatAmount(product.price), vatRate: product.vatRate };
}

/** A free-text line: a service (catering at 10 % by default), priced by the portion. */
export function freeLine(key: string): LineDraft {
  return { key, name: '', unit: 'portion', quantity: '', unitPrice: '', vatRate: 1000, nature: 'service' };
}

function typedQuantity(text: string): number {
  return parseSignedQuantity(text) ?? Number.NaN;
}

function typedPrice(text: string): number {
  return parseMoney(text.trim()) ?? Number.NaN;
}

/** The line as record input; unreadable numbers become NaN so the schema says why. */
export function lineFromDraft(line: LineDraft): OrderLine {
  return {
    key: line.key,
    ...(line.productId ? { productId: line.productId } : {}),
    name: line.name,
    unit: line.unit,
    quantity: typedQuantity(line.quantity),
    unitPrice: typedPrice(line.unitPrice),
    vatRate: line.vatRate,
    ...(line.productId ? {} : { nature: line.nature ?? 'service' }),
  };
}

/** The lines that read as numbers already, for the live totals and cost panel. */
export function readableLines(draft: OrderDraft): OrderLine[] {
  return draft.lines.map(lineFromDraft).filter((l) => Number.isSafeInteger(l.quantity) && l.quantity > 0 && Number.isSafeInteger(l.unitPrice) && l.unitPrice >= 0);
}

export function orderFormFrom(draft: OrderDraft): OrderForm {
  return {
    customerId: draft.customerId,
    lines: draft.lines.map(lineFromDraft),
    dueDay: draft.dueDay,
    dueTime: draft.dueTime,
    delivery: draft.deliveryKind === 'stall' ? { kind: 'stall' } : { kind: 'address', place: draft.place },
    notes: draft.notes,
    customerRef: draft.customerRef,
  };
}

export function checkOrder(draft: OrderDraft): Checked<OrderForm> {
  const extra: Record<string, string> = {};
  if (!draft.customerId) extra.customerId = 'orders.errChooseCustomer';
  if (!draft.dueDay) extra.dueDay = 'err.date';
  draft.lines.forEach((line, i) => {
    if (line.quantity.trim() === '') extra[`lines.${i}.quantity`] = 'err.required';
    if (line.unitPrice.trim() === '') extra[`lines.${i}.unitPrice`] = 'err.required';
  });
  const form = orderFormFrom(draft);
  const result = check(orderFormSchema, form, extra);
  return result.ok ? { ok: true, value: form } : result;
}

/** A past due day is allowed (an order typed in after the fact) but said. */
export function isPastDue(dueDay: string, today: string): boolean {
  return dueDay !== '' && dueDay < today;
}

// ---------------------------------------------------------------- customers

export type CustomerDraft = { name: string; organisation: string; phone: string; email: string; billingAddress: string; siret: string; vatNumber: string };

export function emptyCustomerDraft(): CustomerDraft {
  return { name: '', organisation: '', phone: '', email: '', billingAddress: '', siret: '', vatNumber: '' };
}

export function customerDraftFrom(c: Customer): CustomerDraft {
  return { name: c.name, organisation: c.organisation, phone: c.phone, email: c.email, billingAddress: c.billingAddress, siret: c.siret, vatNumber: c.vatNumber };
}

export function checkCustomer(draft: CustomerDraft): Checked<CustomerForm> {
  const result = check(customerFormSchema, draft);
  return result.ok ? { ok: true, value: draft } : result;
}

/** "Associations de la Goutte d'Or" or "Mme Diallo (Mairie du 18e)". */
export function customerLabel(c: Pick<Customer, 'name' | 'organisation'>): string {
  return c.organisation && c.organisation !== c.name ? `${c.name} (${c.organisation})` : c.name;
}
