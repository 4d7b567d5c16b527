/**
 * Money functions over the whole range their schemas accept (any safe
 * integer for cents and thousandths, the French VAT rates, 0–100 % in basis
 * points): each result is checked against a BigInt reference, and a
 * RangeError is allowed only where the exact result itself is not a safe
 * integer. 400 draws per property, seeded.
 */
import { describe, expect, it } from 'vitest';
import { seeded, type Random } from '../test/fixtures/seeded';
import { allocate, discountAmount, divRound, htFromTtc, lineTotal, mulDivRound, sumCents, vatSplit, VAT_RATES } from './money';
import { priceCart, type CartLine } from './cart';
import { distribute, mixRule, type MemberBasis } from './payout';

const MAX = Number.MAX_SAFE_INTEGER;
const DRAWS = 400;
const safe = (v: bigint) => v >= BigInt(-MAX) && v <= BigInt(MAX);
const abs = (v: bigint) => (v < 0n ? -v : v);

/** round(n / d) half away from zero, written differently from money.ts: floor((2|n| + |d|) / 2|d|) with the sign put back. */
function reference(n: bigint, d: bigint): bigint {
  const q = (2n * abs(n) + abs(d)) / (2n * abs(d));
  return n < 0n !== d < 0n ? -q : q;
}

/** The function's answer, or the reference's verdict that no number can hold it. */
function expectExact(actual: () => number, exact: bigint): void {
  if (safe(exact)) expect(actual()).toBe(Number(exact));
  else expect(actual).toThrow(RangeError);
}

function forAll(seed: number, check: (random: Random) => void): void {
  const random = seeded(seed);
  for (let i = 0; i < DRAWS; i += 1) check(random);
}

describe('money is exact over every amount a schema accepts', () => {
  it('divRound rounds half away from zero for any safe numerator and denominator', () => {
    forAll(1, (r) => {
      const n = r.int(-MAX, MAX);
      const d = r.int(-MAX, MAX) || 1;
      expectExact(() => divRound(n, d), reference(BigInt(n), BigInt(d)));
    });
    expect(divRound(5, 2)).toBe(3);
    expect(divRound(-5, 2)).toBe(-3);
    expect(Object.is(divRound(-1, 3), 0)).toBe(true);
  });

  it('lineTotal and mulDivRound keep every cent when the product passes 2^53', () => {
    forAll(2, (r) => {
      const price = r.int(-MAX, MAX);
      const quantity = r.int(-MAX, MAX);
      expectExact(() => lineTotal(price, quantity), reference(BigInt(price) * BigInt(quantity), 1000n));
      const d = r.int(1, MAX);
      expectExact(() => mulDivRound(price, quantity, d), reference(BigInt(price) * BigInt(quantity), BigInt(d)));
    });
    // 90 000 000 € at 1 234,567 units: the product is 1.1 × 10^19, the line 111 111 030 000 €.
    expect(lineTotal(9_000_000_000, 1_234_567)).toBe(11_111_103_000_000);
  });

  it('htFromTtc and discountAmount never overflow: their result is never larger than the amount', () => {
    forAll(3, (r) => {
      const ttc = r.int(-MAX, MAX);
      const rate = r.pick(VAT_RATES);
      expect(htFromTtc(ttc, rate)).toBe(Number(reference(BigInt(ttc) * 10000n, BigInt(10000 + rate))));
      const bp = r.int(0, 10000);
      const discount = discountAmount(ttc, { kind: 'percent', value: bp });
      const raw = reference(BigInt(ttc) * BigInt(bp), 10000n);
      expect(discount).toBe(ttc < 0 ? 0 : Number(raw));
    });
  });

  it('allocate: parts add up to the total and each is the floor or ceiling of its exact share', () => {
    forAll(4, (r) => {
      const total = r.int(-MAX, MAX);
      const weights = Array.from({ length: r.int(1, 12) }, () => r.int(0, MAX));
      const parts = allocate(total, weights);
      expect(sumCents(parts)).toBe(total);
      const sumWeights = weights.reduce((a, w) => a + BigInt(w), 0n);
      parts.forEach((part, i) => {
        const exact = abs(BigInt(total)) * (sumWeights === 0n ? 1n : BigInt(weights[i] ?? 0));
        const divisor = sumWeights === 0n ? BigInt(weights.length) : sumWeights;
        const floor = exact / divisor;
        expect(abs(BigInt(part)) === floor || abs(BigInt(part)) === floor + 1n).toBe(true);
        expect(part === 0 || Math.sign(part) === Math.sign(total)).toBe(true);
      });
    });
  });

  it('allocate shares a season: 3.8 M € among sales of 2.5 M € and 7.5 M € (the products pass 10^18)', () => {
    // The amount to share times one member's sales: 3.8 × 10^8 × 2.5 × 10^8 cents, past 2^53 ≈ 9 × 10^15.
    expect(allocate(380_000_000_00, [250_000_000_00, 750_000_000_00])).toEqual([95_000_000_00, 285_000_000_00]);
    expect(allocate(MAX, [MAX, MAX, MAX])).toEqual([3_002_399_751_580_331, 3_002_399_751_580_330, 3_002_399_751_580_330]);
    expect(allocate(-7, [2n ** 60n, 2n ** 61n])).toEqual([-2, -5]);
  });

  it('vatSplit: per rate HT + VAT = TTC, totals add up, and a sum beyond 2^53 is refused rather than rounded', () => {
    forAll(5, (r) => {
      const lines = Array.from({ length: r.int(1, 6) }, () => ({ total: r.int(-(2 ** 50), 2 ** 50), vatRate: r.pick(VAT_RATES) }));
      const split = vatSplit(lines);
      expect(split.ttc).toBe(Number(lines.reduce((a, l) => a + BigInt(l.total), 0n)));
      for (const rate of split.byRate) expect(rate.ht + rate.vat).toBe(rate.ttc);
      expect(split.ht + split.vat).toBe(split.ttc);
    });
    expect(() => vatSplit([{ total: MAX, vatRate: 2000 }, { total: MAX, vatRate: 2000 }])).toThrow(RangeError);
  });

  it('distribute: every rule adds up to the amount to share, whatever the hours and sales', () => {
    const basis = (i: number, minutes: number, madeHt: number): MemberBasis => ({
      memberId: `m${i}`,
      firstName: `M${i}`,
      analyticCode: '',
      archived: false,
      minutes,
      productionMinutes: minutes,
      orderMinutes: 0,
      shiftMinutes: 0,
      madeHt,
      salesHt: madeHt,
      ordersHt: 0,
      made: [],
      reimbursement: 0,
    });
    forAll(6, (r) => {
      const toShare = r.int(-MAX, MAX);
      const bases = Array.from({ length: r.int(1, 10) }, (_, i) => basis(i, r.int(0, MAX), r.int(-MAX, MAX)));
      const equalBp = r.int(0, 10000);
      const hoursBp = r.int(0, 10000 - equalBp);
      const shares = distribute(toShare, bases, mixRule(equalBp, hoursBp, 10000 - equalBp - hoursBp));
      expect(sumCents(shares.map((s) => s.total))).toBe(toShare);
      expect(sumCents(shares.map((s) => s.equal + s.hours + s.made))).toBe(toShare);
    });
  });

  it('priceCart: discounts spread over the lines add up, and a basket no number can hold is refused, never rounded', () => {
    forAll(7, (r) => {
      const lines: CartLine[] = Array.from({ length: r.int(1, 8) }, (_, i) => ({
        key: `l${i}`,
        productId: `p${i}`,
        name: `P${i}`,
        unit: 'metre',
        // A product's price is at most 100 000 € (typedCents); a quantity any safe number of thousandths.
        unitPrice: r.int(0, 10_000_000),
        vatRate: r.pick(VAT_RATES),
        quantity: r.next() < 0.8 ? r.int(1, 10 ** 9) : r.int(1, MAX),
        makerIds: [],
        ...(r.next() < 0.5 ? { discount: { kind: 'percent' as const, value: r.int(0, 10000) } } : {}),
      }));
      const cart = { lines, discount: { kind: 'percent' as const, value: r.int(0, 10000) } };
      const grosses = lines.map((l) => reference(BigInt(l.unitPrice) * BigInt(l.quantity), 1000n));
      const grossSum = grosses.reduce((a, g) => a + g, 0n);
      if (!grosses.every(safe) || !safe(grossSum)) {
        expect(() => priceCart(cart)).toThrow(RangeError);
        return;
      }
      const priced = priceCart(cart);
      expect(priced.gross).toBe(Number(grossSum));
      expect(sumCents(priced.lines.map((l) => l.total)) + priced.discount).toBe(priced.gross);
      priced.lines.forEach((line, i) => {
        expect(line.gross).toBe(Number(grosses[i]));
        expect(line.total).toBe(line.gross - line.discount);
        expect(line.total).toBeGreaterThanOrEqual(0);
      });
      expect(priced.totals.ttc).toBe(sumCents(priced.lines.map((l) => l.total)));
    });
  });
});
