/**
 * Orders (DOMAIN.md, "Orders and invoices"): totals and VAT per rate like a
 * ticket, deposit and balance, the status machine, production progress from
 * the members' contributions, cost and margin from the products' recipes,
 * and the materials to buy. Pure functions, integer cents and thousandths.
 */
import { costBreakdown, materialCost, recipeCostInput, type CostedMaterial } from './costing';
import { htFromTtc, mulDivRound, lineTotal, vatSplit, type BasisPoints, type Cents, type Milli, type VatBreakdown } from './money';
import type { CostingSettings } from './schemas/coop';
import type { Material } from './schemas/material';
import type { Contribution, Customer, Invoice, InvoiceNature, LineNature, Order, OrderLine, OrderPayment, OrderStatus } from './schemas/order';
import type { Product, Unit } from './schemas/product';

/** round(unit price incl. VAT × quantity / 1000), half away from zero. */
export function orderLineTotal(line: Pick<OrderLine, 'unitPrice' | 'quantity'>): Cents {
  return lineTotal(line.unitPrice, line.quantity);
}

export type OrderTotals = {
  lines: { key: string; total: Cents }[];
  /** Highest rate first; HT_r = round(TTC_r × 10000 / (10000 + rate)), VAT_r = TTC_r − HT_r. */
  byRate: VatBreakdown[];
  ttc: Cents;
  ht: Cents;
  vat: Cents;
};

/** Line totals, then VAT per rate exactly like a ticket (DOMAIN.md, "Numbers"). */
export function orderTotals(lines: readonly OrderLine[]): OrderTotals {
  const totals = lines.map((line) => ({ key: line.key, total: orderLineTotal(line), vatRate: line.vatRate }));
  const split = vatSplit(totals);
  return { lines: totals.map(({ key, total }) => ({ key, total })), byRate: split.byRate, ttc: split.ttc, ht: split.ht, vat: split.vat };
}

export type DepositRule = { kind: 'percent'; value: BasisPoints } | { kind: 'amount'; value: Cents };

/**
 * The deposit asked for: a percentage of the total (30 % of 720,00 € =
 * 216,00 €, rounded half away from zero) or an amount, never more than the
 * total nor below zero.
 */
export function depositAmount(ttc: Cents, deposit: DepositRule): Cents {
  const raw = deposit.kind === 'percent' ? mulDivRound(ttc, Math.min(Math.max(deposit.value, 0), 10000), 10000) : deposit.value;
  return Math.max(0, Math.min(ttc, raw));
}

export type PaymentState = { paid: Cents; remaining: Cents; overpaid: Cents };

/** What was received for an order and what is left to pay (never negative: an excess shows as overpaid). */
export function paymentState(ttc: Cents, payments: readonly Pick<OrderPayment, 'amount'>[]): PaymentState {
  const paid = payments.reduce((sum, p) => sum + p.amount, 0);
  return { paid, remaining: Math.max(0, ttc - paid), overpaid: Math.max(0, paid - ttc) };
}

/**
 * devis → confirmée → en production → prête → livrée → soldée, or annulée
 * (with a reason) before delivery. 'paid' and 'cancelled' are final; the
 * repository refuses 'paid' while something remains to pay.
 */
export const NEXT_STATUSES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  quote: ['confirmed', 'cancelled'],
  confirmed: ['inProduction', 'ready', 'cancelled'],
  inProduction: ['ready', 'cancelled'],
  ready: ['delivered', 'cancelled'],
  delivered: ['paid'],
  paid: [],
  cancelled: [],
};

export function canMoveTo(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/** Statuses an order is still being worked on in (what the board shows as upcoming). */
export const OPEN_STATUSES: readonly OrderStatus[] = ['quote', 'confirmed', 'inProduction', 'ready'];

/** An invoice not reversed by a credit note. */
export function liveInvoice(invoices: readonly Invoice[]): Invoice | undefined {
  const credited = new Set(invoices.filter((i) => i.kind === 'creditNote').map((i) => i.creditsId));
  return invoices.find((i) => i.kind === 'invoice' && !credited.has(i.id));
}

/**
 * Whether the order's lines, customer and dates can still be changed: not
 * once cancelled, not while an invoice stands, and not once delivered or
 * paid — unless its invoice was reversed by a credit note, so the mistake can
 * be corrected and the order invoiced again.
 */
export function isOrderLocked(order: Pick<Order, 'status'>, invoices: readonly Invoice[]): boolean {
  if (order.status === 'cancelled') return true;
  if (liveInvoice(invoices)) return true;
  if (order.status === 'delivered' || order.status === 'paid') return !invoices.some((i) => i.kind === 'creditNote');
  return false;
}

export type LineProgress = { key: string; name: string; unit: Unit; ordered: Milli; produced: Milli };

/**
 * The line a contribution counts towards: its own line, or, for one without
 * a line that carries a quantity, the first line with a product (the first
 * line if none has one). Undefined for time only or a line since removed.
 */
function lineOf(order: Pick<Order, 'lines'>, contribution: Pick<Contribution, 'lineKey' | 'quantity'>): string | undefined {
  if (contribution.lineKey !== undefined) {
    return order.lines.some((l) => l.key === contribution.lineKey) ? contribution.lineKey : undefined;
  }
  if (contribution.quantity === 0) return undefined;
  return (order.lines.find((l) => l.productId !== undefined) ?? order.lines[0])?.key;
}

/** Per line: quantity ordered and produced so far (38 / 60 m); counter-entries subtract. */
export function lineProgress(order: Pick<Order, 'lines'>, contributions: readonly Contribution[]): LineProgress[] {
  const produced = new Map<string, Milli>();
  for (const c of contributions) {
    const key = lineOf(order, c);
    if (key !== undefined) produced.set(key, (produced.get(key) ?? 0) + c.quantity);
  }
  return order.lines.map((l) => ({ key: l.key, name: l.name, unit: l.unit, ordered: l.quantity, produced: produced.get(l.key) ?? 0 }));
}

export type MemberContribution = { memberId: string; quantity: Milli; minutes: number };

/** Per member, net of corrections, in order of first contribution; members left with nothing are dropped. */
export function contributionsByMember(contributions: readonly Contribution[]): MemberContribution[] {
  const byMember = new Map<string, MemberContribution>();
  for (const c of contributions) {
    const entry = byMember.get(c.memberId) ?? { memberId: c.memberId, quantity: 0, minutes: 0 };
    entry.quantity += c.quantity;
    entry.minutes += c.minutes;
    byMember.set(c.memberId, entry);
  }
  return [...byMember.values()].filter((m) => m.quantity !== 0 || m.minutes !== 0);
}

export type MarginLevel = 'loss' | 'thin' | 'ok';

export type LineCost = {
  key: string;
  /** Materials and labour of the recipe × quantity (0 for a free-text line). */
  cost: Cents;
  /** Line total excl. VAT. */
  ht: Cents;
  contribution: Cents;
  margin: Cents;
  marginBp: number;
  status: MarginLevel;
  /** A free-text line or a product without a recipe: its cost is not known. */
  unknownCost: boolean;
};

export type OrderCost = {
  cost: Cents;
  ht: Cents;
  contribution: Cents;
  margin: Cents;
  marginBp: number;
  status: MarginLevel;
  perLine: LineCost[];
  /** At least one line's cost is unknown (the margin is then overstated). */
  unknownCost: boolean;
};

function level(margin: Cents, marginBp: number, thinBelowBp: BasisPoints): MarginLevel {
  if (margin < 0) return 'loss';
  return marginBp < thinBelowBp ? 'thin' : 'ok';
}

const bp = (margin: Cents, ht: Cents) => (ht === 0 ? 0 : mulDivRound(margin, 10000, ht));

function materialMap(materials: readonly Material[]): Map<string, CostedMaterial> {
  return new Map(materials.map((m) => [m.id, { unitCost: m.unitCost, vatRate: m.vatRate }]));
}

/**
 * Cost price of the order from its products' recipes (DOMAIN.md, "Cost
 * price"): per line, the cost of one unit (materials excl. VAT + labour)
 * × quantity; the CAE's contribution on the excl.-VAT total; margin =
 * HT − cost − contribution. The order's HT is the per-rate HT of its totals.
 */
export function orderCost(
  order: Pick<Order, 'lines'>,
  products: readonly Product[],
  materials: readonly Material[],
  settings: CostingSettings,
): OrderCost {
  const productById = new Map(products.map((p) => [p.id, p]));
  const costed = materialMap(materials);
  const perLine = order.lines.map((line): LineCost => {
    const product = line.productId !== undefined ? productById.get(line.productId) : undefined;
    const total = orderLineTotal(line);
    const ht = htFromTtc(total, line.vatRate);
    const contribution = mulDivRound(ht, settings.contributionBp, 10000);
    let cost = 0;
    if (product?.recipe) {
      const unit = costBreakdown(recipeCostInput({ price: line.unitPrice, vatRate: line.vatRate }, product.recipe, costed, settings));
      cost = mulDivRound(unit.cost, line.quantity, 1000);
    }
    const margin = ht - cost - contribution;
    const marginBp = bp(margin, ht);
    return { key: line.key, cost, ht, contribution, margin, marginBp, status: level(margin, marginBp, settings.thinMarginBp), unknownCost: !product?.recipe };
  });
  const ht = orderTotals(order.lines).ht;
  const cost = perLine.reduce((sum, l) => sum + l.cost, 0);
  const contribution = mulDivRound(ht, settings.contributionBp, 10000);
  const margin = ht - cost - contribution;
  const marginBp = bp(margin, ht);
  return { cost, ht, contribution, margin, marginBp, status: level(margin, marginBp, settings.thinMarginBp), perLine, unknownCost: perLine.some((l) => l.unknownCost) };
}

export type MaterialNeed = {
  materialId: string;
  name: string;
  unit: Material['unit'];
  /** Recipe quantity × quantity ordered, summed over the lines. */
  needed: Milli;
  inStock: Milli;
  /** What to buy: needed − in stock, never below zero ("il manque 14 m de ruban"). */
  missing: Milli;
  /** Excl.-VAT cost of what is missing, at the material's price. */
  missingCost: Cents;
};

/** The materials the whole order takes, against stock, in order of first use. Unknown materials are left out. */
export function materialsNeeded(
  order: Pick<Order, 'lines'>,
  products: readonly Product[],
  materials: readonly Material[],
  levels: ReadonlyMap<string, Milli>,
): MaterialNeed[] {
  const productById = new Map(products.map((p) => [p.id, p]));
  const materialById = new Map(materials.map((m) => [m.id, m]));
  const needed = new Map<string, Milli>();
  for (const line of order.lines) {
    const product = line.productId !== undefined ? productById.get(line.productId) : undefined;
    for (const r of product?.recipe?.lines ?? []) {
      if (!materialById.has(r.materialId)) continue;
      needed.set(r.materialId, (needed.get(r.materialId) ?? 0) + mulDivRound(r.quantity, line.quantity, 1000));
    }
  }
  return [...needed.entries()].map(([materialId, quantity]) => {
    const material = materialById.get(materialId) as Material;
    const inStock = levels.get(materialId) ?? 0;
    const missing = Math.max(0, quantity - Math.max(0, inStock));
    return {
      materialId,
      name: material.name,
      unit: material.unit,
      needed: quantity,
      inStock,
      missing,
      missingCost: materialCost({ quantity: missing, unitCostTtc: material.unitCost, vatRate: material.vatRate }),
    };
  });
}

/** Due before today and not yet delivered, paid or cancelled. */
export function isLate(order: Pick<Order, 'dueDay' | 'status'>, today: string): boolean {
  return order.dueDay < today && OPEN_STATUSES.includes(order.status);
}

/** What is left to make on a line (never below zero). */
export function remainingToProduce(progress: Pick<LineProgress, 'ordered' | 'produced'>): Milli {
  return Math.max(0, progress.ordered - progress.produced);
}

// ---------------------------------------------------------------- invoice mentions

/** A catalogue product is goods; a free-text line is a service unless marked as goods. */
export function lineNature(line: Pick<OrderLine, 'productId' | 'nature'>): LineNature {
  if (line.productId !== undefined) return 'goods';
  return line.nature ?? 'service';
}

/**
 * What the invoice is for, printed on it ("livraison de biens", "prestation
 * de services", "biens et services"): required on invoices from September
 * 2027 (DOMAIN.md), allowed before.
 */
export function invoiceNature(lines: readonly Pick<OrderLine, 'productId' | 'nature'>[]): InvoiceNature {
  const natures = new Set(lines.map(lineNature));
  if (natures.size > 1) return 'both';
  return natures.has('service') ? 'services' : 'goods';
}

/** The SIREN inside a SIRET (its first 9 digits), or '' for anything that is not a 14-digit SIRET. */
export function sirenOf(siret: string): string {
  const digits = siret.replace(/\s/g, '');
  return /^\d{14}$/.test(digits) ? digits.slice(0, 9) : '';
}

/** Above this total excl. VAT an invoice to a VAT-registered business must carry the customer's VAT number. */
export const CUSTOMER_VAT_NUMBER_ABOVE_HT: Cents = 15000;

/**
 * Whether to ask the customer for their VAT number before invoicing: a
 * business (it has a SIRET) with no VAT number, for more than 150,00 € excl.
 * VAT. A warning, not a refusal: an association with a SIRET may well have no
 * VAT number, and only the customer knows.
 */
export function shouldAskVatNumber(customer: Pick<Customer, 'siret' | 'vatNumber'>, ht: Cents): boolean {
  return customer.siret.trim() !== '' && customer.vatNumber.trim() === '' && ht > CUSTOMER_VAT_NUMBER_ABOVE_HT;
}
