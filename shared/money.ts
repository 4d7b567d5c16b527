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
  let q = Math.floor(n / d);
  // n / d is a rounded double: put q right so that 0 ≤ n − q × d < d, exactly (both stay safe integers).
  let r = n - q * d;
  if (r < 0) [q, r] = [q - 1, r + d];
  else if (r >= d) [q, r] = [q + 1, r - d];
  const rounded = 2 * r >= d ? q + 1 : q;
  return sign * rounded === 0 ? 0 : sign * rounded;
}

/** The BigInt form of divRound. */
function bigDivRound(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = an / ad;
  const rounded = 2n * (an - q * ad) >= ad ? q + 1n : q;
  return negative ? -rounded : rounded;
}

/** A BigInt result back to a number, refused when a number cannot hold it exactly. */
function toSafe(value: bigint, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} out of range (${value.toString()})`);
  // Number(-0n) is 0, never -0.
  return n;
}

/**
 * round(a × b / d), half away from zero, exact for any safe integers: the
 * product of two amounts (a total times a member's sales, a price times a
 * quantity) passes 2^53 long before the result does, so it goes through BigInt.
 * Throws a RangeError only when the result itself is not a safe integer.
 */
export function mulDivRound(a: number, b: number, d: number): number {
  assertSafeInt(a, 'factor');
  assertSafeInt(b, 'factor');
  assertSafeInt(d, 'denominator');
  // The everyday case stays in numbers: a product below 2^53 is exact as a double
  // (a larger one never looks safe, so it takes the BigInt path).
  const product = a * b;
  if (Number.isSafeInteger(product)) return divRound(product, d);
  return toSafe(bigDivRound(BigInt(a) * BigInt(b), BigInt(d)), 'result');
}

/** The exact sum of amounts; a RangeError rather than a total that silently lost cents. */
export function sumCents(values: Iterable<Cents>): Cents {
  let sum = 0n;
  for (const v of values) sum += BigInt(assertSafeInt(v, 'amount'));
  return toSafe(sum, 'sum');
}

/** round(unit price × quantity / 1000), half away from zero. */
export function lineTotal(unitPrice: Cents, quantity: Milli): Cents {
  // Out of range only for absurd inputs (a result over 9 × 10^13 €): refused rather than a lost cent.
  return mulDivRound(unitPrice, quantity, 1000);
}

/**
 * Splits `total` into parts proportional to `weights`, handing the remainder
 * out by largest remainder (ties to the earlier part), so parts always add up
 * to `total` exactly. Works for negative totals (cancellations) too. Exact
 * for any safe-integer total and weights (bigint weights too, for products
 * such as quantity × price): every product and the weights' sum are BigInt.
 */
export function allocate(total: Cents, weights: readonly (number | bigint)[]): Cents[] {
  assertSafeInt(total, 'total');
  const big = weights.map((w) => (typeof w === 'bigint' ? w : BigInt(assertSafeInt(w, 'weight'))));
  if (big.length === 0) return [];
  if (big.some((w) => w < 0n)) throw new RangeError('weights must be non-negative');
  let sumWeights = big.reduce((a, b) => a + b, 0n);
  const even = sumWeights === 0n;
  if (even) sumWeights = BigInt(big.length);
  const abs = BigInt(Math.abs(total));
  const parts = big.map((w) => {
    const exact = abs * (even ? 1n : w);
    return { floor: exact / sumWeights, rem: exact % sumWeights };
  });
  let left = abs - parts.reduce((a, p) => a + p.floor, 0n);
  const order = parts
    .map((p, i) => ({ i, rem: p.rem }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  const result = parts.map((p) => p.floor);
  for (const { i } of order) {
    if (left <= 0n) break;
    result[i] = (result[i] ?? 0n) + 1n;
    left -= 1n;
  }
  // Each part is at most |total|, so it fits a number.
  return result.map((c) => (c === 0n ? 0 : (total < 0 ? -1 : 1) * Number(c)));
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
  return mulDivRound(ttc, 10000, 10000 + rate);
}

/** Groups line totals (after discounts) by rate and splits each group. */
export function vatSplit(lines: readonly { total: Cents; vatRate: BasisPoints }[]): TicketTotals {
  const byRateMap = new Map<BasisPoints, Cents>();
  for (const line of lines) {
    byRateMap.set(line.vatRate, sumCents([byRateMap.get(line.vatRate) ?? 0, line.total]));
  }
  const byRate = [...byRateMap.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, ttc]) => {
      const ht = htFromTtc(ttc, rate);
      return { rate, ttc, ht, vat: ttc - ht };
    });
  return {
    byRate,
    ttc: sumCents(byRate.map((r) => r.ttc)),
    ht: sumCents(byRate.map((r) => r.ht)),
    vat: sumCents(byRate.map((r) => r.vat)),
  };
}

/** A discount is either an amount in cents or a percentage in basis points. */
export type Discount = { kind: 'amount'; value: Cents } | { kind: 'percent'; value: BasisPoints };

/** The discount in cents for a gross amount; never more than the gross. */
export function discountAmount(gross: Cents, discount: Discount | undefined): Cents {
  if (!discount) return 0;
  const raw = discount.kind === 'amount' ? discount.value : mulDivRound(gross, discount.value, 10000);
  const magnitude = Math.max(0, Math.min(Math.abs(gross), raw));
  // Never -0: it would print as "-0,00 €".
  return magnitude === 0 ? 0 : gross < 0 ? -magnitude : magnitude;
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
