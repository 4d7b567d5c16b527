/**
 * Payout to members (DOMAIN.md, "Payout to members"): the period's turnover,
 * charges and CAE contribution, the amount to distribute, and its split
 * between members by the rule the group chose. Pure; integer cents
 * throughout, every split by largest remainder so the parts add up exactly.
 *
 * The repository (renderer/db/payout.ts) filters the inputs to the period;
 * this module only adds them up. Sales include cancellations (negative
 * lines and totals), which net out; credit notes net invoices out likewise.
 */
import { formatMoney, formatQuantity } from './format';
import { allocate, htFromTtc, mulDivRound, sumCents, type BasisPoints, type Cents, type Milli } from './money';
import {
  payoutRuleSchema,
  type ChargeCategory,
  type Contribution,
  type Invoice,
  type Material,
  type Member,
  type Order,
  type PayoutPeriod,
  type PayoutRule,
  type Product,
  type Production,
  type Purchase,
  type Sale,
  type Shift,
  type Unit,
  type Charge,
} from './schemas';

/** A charge of the period: a recorded expense or a material purchase (counted once). */
export type ChargeLine = {
  id: string;
  day: string;
  label: string;
  category: ChargeCategory;
  /** Paid, incl. VAT. */
  amount: Cents;
  vatRate: BasisPoints;
  /** The member who paid out of her pocket (reimbursed on top of her share). */
  paidBy?: string;
  eventId?: string;
  source: 'charge' | 'purchase';
};

/** Charges and material purchases as one list (purchases: category 'materials', label = the material's name). */
export function chargesFrom(charges: readonly Charge[], purchases: readonly Purchase[], materials: readonly Material[]): ChargeLine[] {
  const names = new Map(materials.map((m) => [m.id, m.name]));
  const lines: ChargeLine[] = [
    ...charges.map((c) => ({
      id: c.id,
      day: c.day,
      label: c.label,
      category: c.category,
      amount: c.amount,
      vatRate: c.vatRate,
      ...(c.paidBy ? { paidBy: c.paidBy } : {}),
      ...(c.eventId ? { eventId: c.eventId } : {}),
      source: 'charge' as const,
    })),
    ...purchases.map((p) => ({
      id: p.id,
      day: p.day,
      label: names.get(p.materialId) ?? p.materialId,
      category: 'materials' as const,
      amount: p.amount,
      vatRate: p.vatRate,
      ...(p.paidBy ? { paidBy: p.paidBy } : {}),
      source: 'purchase' as const,
    })),
  ];
  return lines.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export type PayoutInput = {
  period: PayoutPeriod;
  members: Member[];
  products: Product[];
  /** Sales and cancellations of the period (all tills). */
  sales: Sale[];
  /** Invoices and credit notes issued in the period (by issue day). */
  invoices: Invoice[];
  charges: ChargeLine[];
  productions: Production[];
  /**
   * Contributions dated in the period, plus every contribution of the orders
   * invoiced in the period (they share the order's revenue out). Minutes and
   * quantities count as work only when dated in the period.
   */
  contributions: Contribution[];
  orders: Order[];
  shifts: Shift[];
  contributionBp: BasisPoints;
};

export type RateFigures = { rate: BasisPoints; ht: Cents; vat: Cents; ttc: Cents };

export type PayoutFigures = {
  /** Turnover incl. VAT (sales net of cancellations + invoices net of credit notes). */
  ttc: Cents;
  /** CA HT. */
  ht: Cents;
  /** VAT collected. */
  vat: Cents;
  byRate: RateFigures[];
  salesHt: Cents;
  ordersHt: Cents;
  chargesTtc: Cents;
  /** Σ htFromTtc per charge. */
  chargesHt: Cents;
  /** Deductible VAT on charges. */
  chargesVat: Cents;
  /** round(contributionBp × CA HT / 10000). */
  contribution: Cents;
  /** CA HT − charges HT − contribution (may be negative). */
  toDistribute: Cents;
  /** Tickets net of cancellations. */
  saleCount: number;
  /** Invoices net of credit notes. */
  invoiceCount: number;
  contributionBp: BasisPoints;
  /** Revenue excl. VAT with no maker or contributor to attribute it to (lines without makers, orders nobody logged). */
  unattributedHt: Cents;
};

export function computeFigures(input: PayoutInput): PayoutFigures {
  const rates = new Map<BasisPoints, RateFigures>();
  const add = (r: { rate: BasisPoints; ht: Cents; vat: Cents; ttc: Cents }) => {
    const cur = rates.get(r.rate) ?? { rate: r.rate, ht: 0, vat: 0, ttc: 0 };
    rates.set(r.rate, { rate: r.rate, ht: sumCents([cur.ht, r.ht]), vat: sumCents([cur.vat, r.vat]), ttc: sumCents([cur.ttc, r.ttc]) });
  };
  let salesHt = 0;
  let saleCount = 0;
  for (const sale of input.sales) {
    sale.totals.byRate.forEach(add);
    salesHt = sumCents([salesHt, sale.totals.ht]);
    saleCount += sale.type === 'cancellation' ? -1 : 1;
  }
  let ordersHt = 0;
  let invoiceCount = 0;
  for (const invoice of input.invoices) {
    invoice.byRate.forEach(add);
    ordersHt = sumCents([ordersHt, invoice.ht]);
    invoiceCount += invoice.kind === 'creditNote' ? -1 : 1;
  }
  const byRate = [...rates.values()].filter((r) => r.ht !== 0 || r.vat !== 0 || r.ttc !== 0).sort((a, b) => b.rate - a.rate);
  // Checked sums: a season's figures are refused with a RangeError rather than silently off by a cent.
  const ht = sumCents([salesHt, ordersHt]);
  const ttc = sumCents(byRate.map((r) => r.ttc));
  const vat = sumCents(byRate.map((r) => r.vat));
  const chargesTtc = sumCents(input.charges.map((c) => c.amount));
  const chargesHt = sumCents(input.charges.map((c) => htFromTtc(c.amount, c.vatRate)));
  const contribution = mulDivRound(input.contributionBp, ht, 10000);
  const attribution = attributeRevenue(input);
  return {
    ttc,
    ht,
    vat,
    byRate,
    salesHt,
    ordersHt,
    chargesTtc,
    chargesHt,
    chargesVat: sumCents([chargesTtc, -chargesHt]),
    contribution,
    toDistribute: sumCents([ht, -chargesHt, -contribution]),
    saleCount,
    invoiceCount,
    contributionBp: input.contributionBp,
    unattributedHt: attribution.unattributed,
  };
}

/** Something a member made: "20 m" of "Guirlande wax". */
export type MadeItem = { name: string; unit: Unit; quantity: Milli };

export type MemberBasis = {
  memberId: string;
  firstName: string;
  analyticCode: string;
  archived: boolean;
  /** Production + order contribution + stall shift minutes, dated in the period. */
  minutes: number;
  productionMinutes: number;
  orderMinutes: number;
  shiftMinutes: number;
  /** Revenue attributed excl. VAT (sales + orders). */
  madeHt: Cents;
  salesHt: Cents;
  ordersHt: Cents;
  /** What she made in the period (productions and order contributions), by product or order line. */
  made: MadeItem[];
  /** The same in French words ("20 m Guirlande wax, 3 Sachet"), for screens that want one line. */
  madeQuantityNote?: string;
  /** Charges she paid herself (incl. VAT), reimbursed on top of her share. */
  reimbursement: Cents;
};

const UNIT_FR: Record<Unit, string> = { piece: '', metre: 'm', kg: 'kg', portion: 'portion(s)' };

/** "20 m Guirlande wax", "3 × Sachet" — the plain note of what a member made. */
export function madeItemText(item: MadeItem): string {
  const unit = UNIT_FR[item.unit];
  return unit === '' ? `${formatQuantity(item.quantity)} × ${item.name}` : `${formatQuantity(item.quantity)} ${unit} ${item.name}`;
}

type Attribution = { sales: Map<string, Cents>; orders: Map<string, Cents>; unattributed: Cents };

function addBig(map: Map<string, bigint>, key: string, value: bigint): void {
  map.set(key, (map.get(key) ?? 0n) + value);
}

function addTo(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/**
 * Revenue excl. VAT by member. Each ticket's HT per rate is split between its
 * lines of that rate in proportion to their totals, then each line's HT
 * evenly between its makers: member parts add up to the tickets' HT (lines
 * without a known maker stay unattributed). An invoice's HT goes to the
 * order's contributors by logged quantity (valued at its order line's price,
 * so metres and pieces compare), or by minutes when nobody logged a quantity.
 */
function attributeRevenue(input: PayoutInput): Attribution {
  const known = new Set(input.members.map((m) => m.id));
  const sales = new Map<string, Cents>();
  const orders = new Map<string, Cents>();
  let unattributed = 0;
  for (const sale of input.sales) {
    const rates = new Set(sale.lines.map((l) => l.vatRate));
    for (const rate of rates) {
      const lines = sale.lines.filter((l) => l.vatRate === rate);
      const rateHt =
        sale.totals.byRate.find((r) => r.rate === rate)?.ht ??
        htFromTtc(
          lines.reduce((s, l) => s + l.total, 0),
          rate,
        );
      const lineHts = allocate(
        rateHt,
        lines.map((l) => Math.abs(l.total)),
      );
      lines.forEach((line, i) => {
        const lineHt = lineHts[i] ?? 0;
        const makers = line.makerIds.filter((id) => known.has(id));
        if (makers.length === 0) {
          unattributed += lineHt;
          return;
        }
        const parts = allocate(
          lineHt,
          makers.map(() => 1),
        );
        makers.forEach((id, j) => addTo(sales, id, parts[j] ?? 0));
      });
    }
  }
  const byOrder = new Map<string, Contribution[]>();
  for (const c of input.contributions) {
    if (!known.has(c.memberId)) continue;
    byOrder.set(c.orderId, [...(byOrder.get(c.orderId) ?? []), c]);
  }
  const orderedMembers = [...input.members].sort((a, b) => a.order - b.order);
  const linePrice = new Map<string, Cents>();
  for (const order of input.orders) for (const line of order.lines) linePrice.set(`${order.id}|${line.key}`, line.unitPrice);
  for (const invoice of input.invoices) {
    const contributions = byOrder.get(invoice.orderId) ?? [];
    // quantity × price passes 2^53 on a large order: exact as BigInt, which allocate() takes as weights.
    const quantity = new Map<string, bigint>();
    const minutes = new Map<string, number>();
    for (const c of contributions) {
      // Quantities on lines of different units and prices are compared by their value at the line's price.
      const price = c.lineKey ? linePrice.get(`${c.orderId}|${c.lineKey}`) : undefined;
      addBig(quantity, c.memberId, BigInt(c.quantity) * BigInt(price ?? 1));
      addTo(minutes, c.memberId, c.minutes);
    }
    const weightsOf = (m: Map<string, number | bigint>) => orderedMembers.map((mem) => BigInt(m.get(mem.id) ?? 0)).map((w) => (w > 0n ? w : 0n));
    let weights = weightsOf(quantity);
    if (weights.every((w) => w === 0n)) weights = weightsOf(minutes);
    if (weights.every((w) => w === 0n)) {
      unattributed += invoice.ht;
      continue;
    }
    const parts = allocate(invoice.ht, weights);
    orderedMembers.forEach((mem, i) => {
      if ((weights[i] ?? 0n) > 0n) addTo(orders, mem.id, parts[i] ?? 0);
    });
  }
  return { sales, orders, unattributed };
}

function inPeriod(day: string, period: PayoutPeriod): boolean {
  return day >= period.from && day <= period.to;
}

/**
 * Each member's bases, in member order: active members, and archived members
 * who worked, sold, or paid a charge in the period (kept and marked).
 */
export function memberBases(input: PayoutInput): MemberBasis[] {
  const attribution = attributeRevenue(input);
  const productName = new Map(input.products.map((p) => [p.id, p]));
  const orderLine = new Map<string, { name: string; unit: Unit }>();
  for (const order of input.orders) for (const line of order.lines) orderLine.set(`${order.id}|${line.key}`, line);
  const orderById = new Map(input.orders.map((o) => [o.id, o]));

  const bases: MemberBasis[] = [];
  for (const member of [...input.members].sort((a, b) => a.order - b.order)) {
    const productionMinutes = input.productions.filter((p) => p.memberId === member.id).reduce((s, p) => s + p.minutes, 0);
    const ownContributions = input.contributions.filter((c) => c.memberId === member.id && inPeriod(c.day, input.period));
    const orderMinutes = ownContributions.reduce((s, c) => s + c.minutes, 0);
    const shiftMinutes = input.shifts.filter((s) => s.memberId === member.id).reduce((s, sh) => s + sh.minutes, 0);
    const salesHt = attribution.sales.get(member.id) ?? 0;
    const ordersHt = attribution.orders.get(member.id) ?? 0;
    const reimbursement = input.charges.filter((c) => c.paidBy === member.id).reduce((s, c) => s + c.amount, 0);

    const made = new Map<string, MadeItem>();
    const addMade = (key: string, name: string, unit: Unit, quantity: Milli) => {
      const cur = made.get(key);
      made.set(key, { name, unit, quantity: (cur?.quantity ?? 0) + quantity });
    };
    for (const p of input.productions.filter((x) => x.memberId === member.id)) {
      const product = productName.get(p.productId);
      addMade(`p|${p.productId}`, product?.name ?? p.productId, product?.unit ?? 'piece', p.quantity);
    }
    for (const c of ownContributions) {
      if (c.quantity === 0) continue;
      const line = c.lineKey ? orderLine.get(`${c.orderId}|${c.lineKey}`) : undefined;
      const order = orderById.get(c.orderId);
      const name = line?.name ?? order?.number ?? c.orderId;
      addMade(`o|${c.orderId}|${c.lineKey ?? ''}`, name, line?.unit ?? 'piece', c.quantity);
    }
    const madeItems = [...made.values()].filter((m) => m.quantity > 0);
    const minutes = productionMinutes + orderMinutes + shiftMinutes;
    const active = minutes !== 0 || salesHt !== 0 || ordersHt !== 0 || reimbursement !== 0 || madeItems.length > 0;
    if (member.archived && !active) continue;
    bases.push({
      memberId: member.id,
      firstName: member.firstName,
      analyticCode: member.analyticCode,
      archived: member.archived,
      minutes,
      productionMinutes,
      orderMinutes,
      shiftMinutes,
      madeHt: salesHt + ordersHt,
      salesHt,
      ordersHt,
      made: madeItems,
      ...(madeItems.length > 0 ? { madeQuantityNote: madeItems.map(madeItemText).join(', ') } : {}),
      reimbursement,
    });
  }
  return bases;
}

export type MemberShare = {
  memberId: string;
  /** The part of her total from each basis. */
  equal: Cents;
  hours: Cents;
  made: Cents;
  /** equal + hours + made. */
  total: Cents;
  /** Her share of the amount to distribute, basis points (shares add up to 10 000). */
  shareBp: number;
  reimbursement: Cents;
  /** total + reimbursement. */
  toPay: Cents;
};

/** A rule refused (shares not summing to 100 %…); `key` is an i18n key. */
export class PayoutError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'PayoutError';
  }
}

/** Throws PayoutError('payout.err.sharesSum') unless the weights are whole basis points adding up to 100 %. */
export function checkRule(rule: PayoutRule): PayoutRule {
  const parsed = payoutRuleSchema.safeParse(rule);
  if (!parsed.success) throw new PayoutError('payout.err.sharesSum');
  return parsed.data;
}

export const RULES: Record<'equal' | 'hours' | 'made', PayoutRule> = {
  equal: { kind: 'equal', equalBp: 10000, hoursBp: 0, madeBp: 0 },
  hours: { kind: 'hours', equalBp: 0, hoursBp: 10000, madeBp: 0 },
  made: { kind: 'made', equalBp: 0, hoursBp: 0, madeBp: 10000 },
};

/** A mix (e.g. 5000, 0, 5000 = half equal, half by what each made); refused unless it sums to 100 %. */
export function mixRule(equalBp: number, hoursBp: number, madeBp: number): PayoutRule {
  return checkRule({ kind: 'mix', equalBp, hoursBp, madeBp });
}

/**
 * Splits `toDistribute` by the rule: first between the three bases by their
 * weights, then each basis's part between members (equal: evenly; hours: by
 * minutes; made: by revenue attributed), each split by largest remainder
 * with ties to the earlier member. A basis where nobody has anything (no
 * hours logged) falls back to equal shares. Parts add up exactly.
 */
export function distribute(toDistribute: Cents, bases: readonly MemberBasis[], rule: PayoutRule): MemberShare[] {
  checkRule(rule);
  if (bases.length === 0) return [];
  const [equalPart = 0, hoursPart = 0, madePart = 0] = allocate(toDistribute, [rule.equalBp, rule.hoursBp, rule.madeBp]);
  const ones = bases.map(() => 1);
  const equal = allocate(equalPart, ones);
  // allocate() itself falls back to equal weights when they are all zero.
  const hours = allocate(
    hoursPart,
    bases.map((b) => Math.max(0, b.minutes)),
  );
  const made = allocate(
    madePart,
    bases.map((b) => Math.max(0, b.madeHt)),
  );
  const totals = bases.map((_, i) => (equal[i] ?? 0) + (hours[i] ?? 0) + (made[i] ?? 0));
  const shares = allocate(
    10000,
    totals.map((t) => Math.abs(t)),
  );
  return bases.map((b, i) => {
    const total = totals[i] ?? 0;
    return {
      memberId: b.memberId,
      equal: equal[i] ?? 0,
      hours: hours[i] ?? 0,
      made: made[i] ?? 0,
      total,
      shareBp: toDistribute === 0 ? 0 : (shares[i] ?? 0),
      reimbursement: b.reimbursement,
      toPay: sumCents([total, b.reimbursement]),
    };
  });
}

export type PayoutWarning = { key: string; params?: Record<string, string | number> };

export type PayoutResult = { figures: PayoutFigures; bases: MemberBasis[]; shares: MemberShare[]; warnings: PayoutWarning[] };

/**
 * Warnings (i18n keys under payout.warn): noSales (nothing sold or invoiced),
 * negative (amount to distribute below zero), noHours / noMade (the rule
 * uses a basis nobody has: that part went out in equal shares), unattributed
 * (the rule uses what each made and some revenue has no maker: params
 * amount, already formatted), archived (one per archived member kept: params name).
 */
export function computePayout(input: PayoutInput, rule: PayoutRule): PayoutResult {
  checkRule(rule);
  const figures = computeFigures(input);
  const bases = memberBases(input);
  const shares = distribute(figures.toDistribute, bases, rule);
  const warnings: PayoutWarning[] = [];
  if (figures.saleCount === 0 && figures.invoiceCount === 0 && figures.ttc === 0) warnings.push({ key: 'payout.warn.noSales' });
  if (figures.toDistribute < 0) warnings.push({ key: 'payout.warn.negative' });
  if (rule.hoursBp > 0 && bases.every((b) => b.minutes <= 0)) warnings.push({ key: 'payout.warn.noHours' });
  if (rule.madeBp > 0 && bases.every((b) => b.madeHt <= 0)) warnings.push({ key: 'payout.warn.noMade' });
  else if (rule.madeBp > 0 && figures.unattributedHt !== 0) warnings.push({ key: 'payout.warn.unattributed', params: { amount: formatMoney(figures.unattributedHt) } });
  for (const b of bases) if (b.archived) warnings.push({ key: 'payout.warn.archived', params: { name: b.firstName } });
  return { figures, bases, shares, warnings };
}

/** Equal, by hours and by what each made, side by side (for the group to choose). */
export function compareRules(input: PayoutInput): { rule: PayoutRule; shares: MemberShare[] }[] {
  const figures = computeFigures(input);
  const bases = memberBases(input);
  return [RULES.equal, RULES.hours, RULES.made].map((rule) => ({ rule, shares: distribute(figures.toDistribute, bases, rule) }));
}
