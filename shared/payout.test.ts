import { describe, expect, it } from 'vitest';
import { HOURS, MADE_HT, contribution, invoiceOf, member, saleOf, workedExample } from '../test/fixtures/payout-example';
import { formatMoney } from './format';
import { allocate } from './money';
import {
  PayoutError,
  RULES,
  chargesFrom,
  compareRules,
  computeFigures,
  computePayout,
  distribute,
  memberBases,
  mixRule,
  type MemberBasis,
} from './payout';
import type { Charge, Material, Purchase } from './schemas';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('DOMAIN.md worked example', () => {
  it('gives 1 227,50 € to distribute', () => {
    const f = computeFigures(workedExample());
    expect(f.salesHt).toBe(104167);
    expect(f.ordersHt).toBe(60000);
    expect(f.ht).toBe(164167);
    expect(f.ttc).toBe(197000);
    expect(f.vat).toBe(32833);
    expect(f.byRate).toEqual([{ rate: 2000, ht: 164167, vat: 32833, ttc: 197000 }]);
    expect(f.chargesTtc).toBe(30000);
    expect(f.chargesHt).toBe(25000);
    expect(f.chargesVat).toBe(5000);
    expect(f.contribution).toBe(16417);
    expect(f.toDistribute).toBe(122750);
    expect([f.saleCount, f.invoiceCount, f.unattributedHt]).toEqual([1, 1, 0]);
  });

  it('equal shares: six members get 153,44 € and two 153,43 €, the extra cents to the first in member order', () => {
    const { shares, warnings } = computePayout(workedExample(), RULES.equal);
    expect(shares.map((s) => s.total)).toEqual([15344, 15344, 15344, 15344, 15344, 15344, 15343, 15343]);
    expect(sum(shares.map((s) => s.total))).toBe(122750);
    expect(sum(shares.map((s) => s.shareBp))).toBe(10000);
    expect(shares.map((s) => s.shareBp)).toEqual([1250, 1250, 1250, 1250, 1250, 1250, 1250, 1250]);
    expect(warnings).toEqual([]);
  });

  it('counts production, order and stall minutes per member', () => {
    const bases = memberBases(workedExample());
    expect(bases.map((b) => b.minutes)).toEqual(HOURS);
    expect(bases[0]).toMatchObject({ productionMinutes: 1200, shiftMinutes: 360, orderMinutes: 0, madeQuantityNote: '20 m guirlande' });
    expect(bases[4]).toMatchObject({ orderMinutes: 600, made: [{ name: 'guirlande', unit: 'metre', quantity: 36000 }] });
  });

  it('by hours', () => {
    const { shares } = computePayout(workedExample(), RULES.hours);
    expect(shares.map((s) => s.total)).toEqual([33016, 20317, 7619, 17778, 20317, 16084, 7619, 0]);
    expect(sum(shares.map((s) => s.total))).toBe(122750);
  });

  it('by what each made: each sale line HT to its makers, the order by logged quantity; parts add up to CA HT', () => {
    const input = workedExample();
    const bases = memberBases(input);
    expect(bases.map((b) => b.madeHt)).toEqual(MADE_HT);
    expect(sum(bases.map((b) => b.madeHt))).toBe(computeFigures(input).ht);
    // Sac (400 €, Mariam and Fatou) = 333,33 € HT split 166,67 + 166,66.
    expect([bases[1]?.salesHt, bases[2]?.salesHt]).toEqual([16667, 16666]);
    // The order's 600 € HT: 36 m Khadija, 24 m Leila.
    expect([bases[4]?.ordersHt, bases[5]?.ordersHt]).toEqual([36000, 24000]);
    const { shares } = computePayout(input, RULES.made);
    expect(shares.map((s) => s.total)).toEqual([31155, 12462, 12461, 21809, 26918, 17945, 0, 0]);
    expect(sum(shares.map((s) => s.total))).toBe(122750);
  });

  it('mix 50 % equal + 50 % made', () => {
    const { shares } = computePayout(workedExample(), mixRule(5000, 0, 5000));
    expect(shares.map((s) => s.equal)).toEqual([7672, 7672, 7672, 7672, 7672, 7672, 7672, 7671]);
    expect(shares.map((s) => s.made)).toEqual([15577, 6231, 6231, 10904, 13459, 8973, 0, 0]);
    expect(shares.map((s) => s.total)).toEqual([23249, 13903, 13903, 18576, 21131, 16645, 7672, 7671]);
    expect(sum(shares.map((s) => s.total))).toBe(122750);
  });

  it('lists reimbursements apart: Mariam paid the ribbon (180,00 € TTC)', () => {
    const { shares } = computePayout(workedExample(), RULES.equal);
    expect(shares[1]).toMatchObject({ total: 15344, reimbursement: 18000, toPay: 33344 });
    expect(shares.filter((s) => s.memberId !== 'm2').every((s) => s.reimbursement === 0 && s.toPay === s.total)).toBe(true);
  });

  it('compares the three rules side by side', () => {
    const rows = compareRules(workedExample());
    expect(rows.map((r) => r.rule.kind)).toEqual(['equal', 'hours', 'made']);
    expect(rows.map((r) => r.shares[0]?.total)).toEqual([15344, 33016, 31155]);
  });
});

describe('turnover rules', () => {
  it('nets cancellations and credit notes out; counts each ticket by its own HT', () => {
    const input = workedExample();
    input.sales.push(saleOf('s2', [{ name: 'Sac', total: 2000, makerIds: ['m3'] }]), saleOf('s2-x', [{ name: 'Sac', total: -2000, makerIds: ['m3'] }], 'cancellation'));
    input.invoices.push(invoiceOf('f2', 'o1', 12000), invoiceOf('a1', 'o1', -12000, 'creditNote'));
    const f = computeFigures(input);
    expect([f.ht, f.toDistribute, f.saleCount, f.invoiceCount]).toEqual([164167, 122750, 1, 1]);
    expect(memberBases(input).map((b) => b.madeHt)).toEqual(MADE_HT);
  });

  it('sums ticket HT per ticket, not on the period total (two 0,05 € tickets at 5,5 %)', () => {
    const input = workedExample();
    input.sales = [saleOf('a', [{ name: 'x', total: 5, vatRate: 550, makerIds: ['m1'] }]), saleOf('b', [{ name: 'x', total: 5, vatRate: 550, makerIds: ['m1'] }])];
    // Each ticket: round(5 × 10000 / 10550) = 5 → 10, where the period total would give round(10 / 1,055) = 9.
    expect(computeFigures(input).salesHt).toBe(10);
  });

  it('splits a ticket’s HT per rate between lines so makers’ parts add up to the ticket', () => {
    const input = workedExample();
    input.sales = [
      saleOf('t', [
        { name: 'a', total: 333, makerIds: ['m1', 'm2', 'm3'] },
        { name: 'b', total: 333, makerIds: ['m4'] },
        { name: 'c', total: 750, vatRate: 550, makerIds: ['m5', 'm6'] },
        { name: 'd', total: 100, makerIds: [] },
      ]),
    ];
    const f = computeFigures(input);
    const bases = memberBases(input);
    expect(sum(bases.map((b) => b.salesHt)) + f.unattributedHt).toBe(f.salesHt);
    expect(f.unattributedHt).toBeGreaterThan(0);
    expect(computePayout(input, RULES.made).warnings).toContainEqual({ key: 'payout.warn.unattributed', params: { amount: formatMoney(f.unattributedHt) } });
  });

  it('values quantities logged on different order lines at their line price', () => {
    const input = workedExample();
    const order = input.orders[0]!;
    input.orders = [{ ...order, lines: [...order.lines, { key: 'l2', name: 'pochette', unit: 'piece', quantity: 10000, unitPrice: 300, vatRate: 2000 }] }];
    // Khadija: 10 m of garland at 12 € (120 €); Leila: 10 pouches at 3 € (30 €) → 4/5 and 1/5 of 600 € HT.
    input.contributions = [contribution('a', 'm5', 10000, 0), { ...contribution('b', 'm6', 10000, 0), lineKey: 'l2' }];
    const bases = memberBases(input);
    expect([bases[4]?.ordersHt, bases[5]?.ordersHt]).toEqual([48000, 12000]);
  });

  it('shares an order by minutes when nobody logged a quantity, and counts only minutes dated in the period', () => {
    const input = workedExample();
    input.contributions = [contribution('k1', 'm7', 0, 300, '2026-11-20'), contribution('k2', 'm8', 0, 100)];
    const bases = memberBases(input);
    expect([bases[6]?.ordersHt, bases[7]?.ordersHt]).toEqual([45000, 15000]);
    // Nadia's 5 h were logged before the period: they share the revenue out but are not hours of the period.
    expect([bases[6]?.orderMinutes, bases[7]?.orderMinutes]).toEqual([0, 100]);
  });
});

describe('charges', () => {
  it('merges charges and material purchases once, purchases as materials named after the material', () => {
    const charge: Charge = { id: 'c1', day: '2026-12-02', label: 'Place', category: 'stallFee', amount: 12000, vatRate: 2000, createdAt: '2026-12-02T10:00:00.000Z', updatedAt: '2026-12-02T10:00:00.000Z' };
    const purchase: Purchase = { id: 'p1', materialId: 'mat', day: '2026-12-01', quantity: 10000, amount: 1800, vatRate: 2000, paidBy: 'm2', at: '2026-12-01T10:00:00.000Z' };
    const material = { id: 'mat', name: 'Ruban' } as Material;
    const lines = chargesFrom([charge], [purchase], [material]);
    expect(lines).toEqual([
      { id: 'p1', day: '2026-12-01', label: 'Ruban', category: 'materials', amount: 1800, vatRate: 2000, paidBy: 'm2', source: 'purchase' },
      { id: 'c1', day: '2026-12-02', label: 'Place', category: 'stallFee', amount: 12000, vatRate: 2000, source: 'charge' },
    ]);
  });

  it('computes charges HT per charge (1,00 € + 1,00 € at 5,5 % → 0,95 + 0,95)', () => {
    const input = workedExample();
    input.charges = [
      { id: 'a', day: '2026-12-01', label: 'a', category: 'other', amount: 100, vatRate: 550, source: 'charge' },
      { id: 'b', day: '2026-12-01', label: 'b', category: 'other', amount: 100, vatRate: 550, source: 'charge' },
    ];
    expect(computeFigures(input).chargesHt).toBe(190);
  });

  it('a charge larger than turnover: negative amount, warned, parts still add up', () => {
    const input = workedExample();
    input.charges.push({ id: 'big', day: '2026-12-03', label: 'Stand salon', category: 'stallFee', amount: 240000, vatRate: 2000, source: 'charge' });
    const { figures, shares, warnings } = computePayout(input, RULES.equal);
    expect(figures.toDistribute).toBe(122750 - 200000);
    expect(sum(shares.map((s) => s.total))).toBe(-77250);
    expect(shares.map((s) => s.total)).toEqual([-9657, -9657, -9656, -9656, -9656, -9656, -9656, -9656]);
    expect(warnings).toContainEqual({ key: 'payout.warn.negative' });
  });
});

describe('bad input', () => {
  it('a period with no sales: zero everywhere and a warning', () => {
    const input = { ...workedExample(), sales: [], invoices: [], charges: [] };
    const { figures, shares, warnings } = computePayout(input, RULES.made);
    expect([figures.ttc, figures.ht, figures.toDistribute]).toEqual([0, 0, 0]);
    expect(shares.every((s) => s.total === 0 && s.shareBp === 0)).toBe(true);
    expect(warnings.map((w) => w.key)).toEqual(['payout.warn.noSales', 'payout.warn.noMade']);
  });

  it('refuses shares that do not sum to 100 %', () => {
    expect(() => mixRule(5000, 0, 4000)).toThrow(PayoutError);
    expect(() => mixRule(6000, 3000, 3000)).toThrow(expect.objectContaining({ key: 'payout.err.sharesSum' }));
    expect(() => computePayout(workedExample(), { kind: 'mix', equalBp: 5000, hoursBp: 5001, madeBp: 0 })).toThrow(/payout.err.sharesSum/);
    expect(() => distribute(100, [], { kind: 'mix', equalBp: 10000, hoursBp: 0, madeBp: 1 })).toThrow(PayoutError);
    expect(mixRule(3333, 3333, 3334)).toEqual({ kind: 'mix', equalBp: 3333, hoursBp: 3333, madeBp: 3334 });
  });

  it('keeps a member archived during the period who worked: paid and marked; drops one archived with nothing', () => {
    const input = workedExample();
    input.members = input.members.map((m) => (m.id === 'm7' ? { ...m, archived: true } : m));
    input.members.push({ ...member(8, 'Sira', true) });
    const { bases, shares, warnings } = computePayout(input, RULES.equal);
    expect(bases.map((b) => b.memberId)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8']);
    expect(bases[6]).toMatchObject({ firstName: 'Nadia', archived: true, minutes: 360 });
    expect(shares[6]?.total).toBe(15343);
    expect(warnings).toEqual([{ key: 'payout.warn.archived', params: { name: 'Nadia' } }]);
  });

  it('nobody logged hours: the hours part goes out equally, with a warning', () => {
    const input = { ...workedExample(), productions: [], contributions: [], shifts: [] };
    const { shares, warnings } = computePayout(input, RULES.hours);
    expect(shares.map((s) => s.total)).toEqual([15344, 15344, 15344, 15344, 15344, 15344, 15343, 15343]);
    expect(warnings).toContainEqual({ key: 'payout.warn.noHours' });
  });
});

describe('exact sums in cents (property-style)', () => {
  // A small deterministic generator: the same cases on every run.
  let seed = 20261205;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const totals = [0, 1, 2, 7, 99, 100, 101, 12345, 122750, 999_999, 1_000_001, 98_765_431, -1, -7, -12345, -77250];

  it('parts add up exactly for 1 to 13 members, every rule and awkward totals; equal shares differ by at most a cent, extra cents first', () => {
    let cases = 0;
    for (let n = 1; n <= 13; n += 1) {
      for (const total of totals) {
        for (let round = 0; round < 6; round += 1) {
          const bases: MemberBasis[] = Array.from({ length: n }, (_, i) => ({
            memberId: `m${i}`,
            firstName: `M${i}`,
            analyticCode: '',
            archived: false,
            minutes: round === 0 ? 0 : rand(4) === 0 ? 0 : rand(3000),
            productionMinutes: 0,
            orderMinutes: 0,
            shiftMinutes: 0,
            madeHt: round === 1 ? 0 : rand(5) === 0 ? 0 : rand(200_000),
            salesHt: 0,
            ordersHt: 0,
            made: [],
            reimbursement: rand(3) === 0 ? rand(5000) : 0,
          }));
          const e = rand(10001);
          const h = rand(10001 - e);
          const rules = [RULES.equal, RULES.hours, RULES.made, mixRule(e, h, 10000 - e - h), mixRule(5000, 0, 5000)];
          for (const rule of rules) {
            const shares = distribute(total, bases, rule);
            cases += 1;
            expect(shares).toHaveLength(n);
            expect(sum(shares.map((s) => s.total))).toBe(total);
            expect(shares.every((s) => Number.isSafeInteger(s.total) && s.total === s.equal + s.hours + s.made)).toBe(true);
            expect(shares.every((s, i) => s.toPay === s.total + (bases[i]?.reimbursement ?? 0))).toBe(true);
            if (total !== 0) expect(sum(shares.map((s) => s.shareBp))).toBe(10000);
            const [eq = 0, hr = 0, md = 0] = allocate(total, [rule.equalBp, rule.hoursBp, rule.madeBp]);
            expect(sum(shares.map((s) => s.equal))).toBe(eq);
            expect(sum(shares.map((s) => s.hours))).toBe(hr);
            expect(sum(shares.map((s) => s.made))).toBe(md);
            if (rule === RULES.equal) {
              const t = shares.map((s) => Math.abs(s.total));
              expect(Math.max(...t) - Math.min(...t)).toBeLessThanOrEqual(1);
              expect([...t].sort((a, b) => b - a)).toEqual(t);
            }
            if (rule === RULES.hours && bases.some((b) => b.minutes > 0)) {
              // Nobody without minutes gets anything by hours; each is within a cent of her exact part.
              const minutes = sum(bases.map((b) => b.minutes));
              shares.forEach((s, i) => {
                const exact = (total * (bases[i]?.minutes ?? 0)) / minutes;
                expect(Math.abs(s.hours - exact)).toBeLessThan(1);
              });
            }
          }
        }
      }
    }
    expect(cases).toBe(13 * totals.length * 6 * 5);
  });
});
