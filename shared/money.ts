/**
 * Money, quantities and VAT as integers.
 *
 * Cents for money, thousandths of the unit for quantities, basis points for
 * VAT rates: no float ever holds an amount, so totals add up to the cent on
 * every receipt, Z report and export (DOMAIN.md, "Numbers").
 */

/** Integer euro cents. */
export type Cents = number;
/** Integer thousandths of a unit (1,5 m = 1500). */
export type Milli = number;
/** VAT rate in basis points (20 % = 2000). */
export type BasisPoints = number;

export const VAT_RATES: readonly BasisPoints[] = [2000, 1000, 550, 210, 0];

export function assertSafeInt(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Integer division rounded half away from zero. Both operands are integers;
 * the remainder test is exact, so no float rounding can flip a cent.
 */
export function divRound(numerator: number, denominator: number): number {
  assertSafeInt(numerator, 'numerator');
  assertSafeInt(denominator, 'denominator');
  if (denominator === 0) throw new RangeError('division by zero');
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const q = Math.floor(n / d);
  const r = n - q * d;
  const rounded = 2 * r >= d ? q + 1 : q;
  return sign * rounded === 0 ? 0 : sign * rounded;
}

/** round(unit price × quantity / 1000), half away from zero. */
export function lineTotal(unitPrice: Cents, quantity: Milli): Cents {
  const product = unitPrice * quantity;
  if (!Number.isSafeInteger(product)) {
    // Only reachable with absurd inputs (over 9 × 10^12 € × units); refuse
    // rather than lose a cent silently.
    throw new RangeError('line total out of range');
  }
  return divRound(product, 1000);
}

/**
 * Splits `total` into parts proportional to `weights`, handing the remainder
 * out by largest remainder (ties to the earlier part), so parts always add up
 * to `total` exactly. Works for negative totals (cancellations) too.
 */
export function allocate(total: Cents, weights: readonly number[]): Cents[] {
  assertSafeInt(total, 'total');
  weights.forEach((w) => assertSafeInt(w, 'weight'));
  if (weights.length === 0) return [];
  if (weights.some((w) => w < 0)) throw new RangeError('weights must be non-negative');
  const sumWeights = weights.reduce((a, b) => a + b, 0);
  if (sumWeights === 0) {
    return allocate(total, weights.map(() => 1));
  }
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const parts = weights.map((w) => {
    const exact = abs * w;
    if (!Number.isSafeInteger(exact)) throw new RangeError('allocation out of range');
    return { floor: Math.floor(exact / sumWeights), rem: exact % sumWeights };
  });
  let left = abs - parts.reduce((a, p) => a + p.floor, 0);
  const order = parts
    .map((p, i) => ({ i, rem: p.rem }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  const result = parts.map((p) => p.floor);
  for (const { i } of order) {
    if (left <= 0) break;
    result[i] = (result[i] ?? 0) + 1;
    left -= 1;
  }
  return result.map((c) => (c === 0 ? 0 : sign * c));
}

export type VatBreakdown = {
  rate: BasisPoints;
  /** incl. VAT */
  ttc: Cents;
  /** excl. VAT */
  ht: Cents;
  vat: Cents;
};

export type TicketTotals = {
  byRate: VatBreakdown[];
  ttc: Cents;
  ht: Cents;
  vat: Cents;
};

/** HT from TTC for one rate: round(TTC × 10000 / (10000 + rate)). */
export function htFromTtc(ttc: Cents, rate: BasisPoints): Cents {
  return divRound(ttc * 10000, 10000 + rate);
}

/** Groups line totals (after discounts) by rate and splits each group. */
export function vatSplit(lines: readonly { total: Cents; vatRate: BasisPoints }[]): TicketTotals {
  const byRateMap = new Map<BasisPoints, Cents>();
  for (const line of lines) {
    byRateMap.set(line.vatRate, (byRateMap.get(line.vatRate) ?? 0) + line.total);
  }
  const byRate = [...byRateMap.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, ttc]) => {
      const ht = htFromTtc(ttc, rate);
      return { rate, ttc, ht, vat: ttc - ht };
    });
  return {
    byRate,
    ttc: byRate.reduce((a, r) => a + r.ttc, 0),
    ht: byRate.reduce((a, r) => a + r.ht, 0),
    vat: byRate.reduce((a, r) => a + r.vat, 0),
  };
}

/** A discount is either an amount in cents or a percentage in basis points. */
export type Discount = { kind: 'amount'; value: Cents } | { kind: 'percent'; value: BasisPoints };

/** The discount in cents for a gross amount; never more than the gross. */
export function discountAmount(gross: Cents, discount: Discount | undefined): Cents {
  if (!discount) return 0;
  const raw = discount.kind === 'amount' ? discount.value : divRound(gross * discount.value, 10000);
  return Math.max(0, Math.min(Math.abs(gross), raw)) * (gross < 0 ? -1 : 1);
}

/**
 * Parses what a person types as money ("12", "12,5", "12.50", "1 234,50 €")
 * into cents. Returns null when it is not an amount with at most 2 decimals.
 */
export function parseMoney(input: string): Cents | null {
  const cleaned = input.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d{0,2})?$/.test(cleaned)) return null;
  const negative = cleaned.startsWith('-');
  const [whole = '0', frac = ''] = cleaned.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}

/** Parses a quantity with up to 3 decimals ("2,5" → 2500). */
export function parseQuantity(input: string): Milli | null {
  const cleaned = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{0,3})?$/.test(cleaned)) return null;
  const [whole = '0', frac = ''] = cleaned.split('.');
  const milli = Number(whole) * 1000 + Number((frac + '000').slice(0, 3));
  return Number.isSafeInteger(milli) ? milli : null;
}

/** Percent typed by a person ("10", "5,5") into basis points. */
export function parsePercent(input: string): BasisPoints | null {
  const cleaned = input.replace(/[\s\u00a0\u202f%]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{0,2})?$/.test(cleaned)) return null;
  const [whole = '0', frac = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number((frac + '00').slice(0, 2));
}
