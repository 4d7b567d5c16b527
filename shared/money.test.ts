import { describe, expect, it } from 'vitest';
import { allocate, discountAmount, divRound, lineTotal, parseMoney, parsePercent, parseQuantity, vatSplit } from './money';
import { formatDay, formatMoney, formatQuantity, formatRate, plainSpaces } from './format';

// DOMAIN.md, "Worked ticket".
const ticket = [
  { name: 'Guirlande wax 1 m', unitPrice: 1200, quantity: 2000, vatRate: 2000 },
  { name: 'Guirlande wax au mètre', unitPrice: 1200, quantity: 1500, vatRate: 2000 },
  { name: 'Boules énergie (sachet)', unitPrice: 250, quantity: 3000, vatRate: 550 },
];

describe('line totals', () => {
  it('multiplies price by quantity in thousandths', () => {
    expect(ticket.map((l) => lineTotal(l.unitPrice, l.quantity))).toEqual([2400, 1800, 750]);
  });
  it('rounds half away from zero, also for negative lines', () => {
    expect(lineTotal(333, 1500)).toBe(500); // 499.5 → 500
    expect(lineTotal(-333, 1500)).toBe(-500);
    expect(lineTotal(101, 333)).toBe(34); // 33.633 → 34
    expect(divRound(-5, 10)).toBe(-1);
    expect(divRound(4, 10)).toBe(0);
  });
});

describe('VAT split per rate', () => {
  it('gives the worked ticket figures', () => {
    const totals = vatSplit(ticket.map((l) => ({ total: lineTotal(l.unitPrice, l.quantity), vatRate: l.vatRate })));
    expect(totals.byRate).toEqual([
      { rate: 2000, ttc: 4200, ht: 3500, vat: 700 },
      { rate: 550, ttc: 750, ht: 711, vat: 39 },
    ]);
    expect([totals.ttc, totals.ht, totals.vat]).toEqual([4950, 4211, 739]);
  });
  it('mirrors a cancellation exactly', () => {
    const totals = vatSplit([{ total: -750, vatRate: 550 }]);
    expect(totals.byRate).toEqual([{ rate: 550, ttc: -750, ht: -711, vat: -39 }]);
  });
});

describe('allocate', () => {
  it('spreads the 10 % discount of the worked ticket as 2,40 + 1,80 + 0,75', () => {
    const discount = discountAmount(4950, { kind: 'percent', value: 1000 });
    expect(discount).toBe(495);
    expect(allocate(discount, [2400, 1800, 750])).toEqual([240, 180, 75]);
  });
  it('always adds up, remainders to the largest fractions then earlier parts', () => {
    expect(allocate(122750, [1, 1, 1, 1, 1, 1, 1, 1])).toEqual([15344, 15344, 15344, 15344, 15344, 15344, 15343, 15343]);
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    for (let total = 0; total < 500; total += 7) {
      const parts = allocate(total, [3, 5, 7, 11]);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    }
  });
  it('never discounts more than the amount', () => {
    expect(discountAmount(500, { kind: 'amount', value: 900 })).toBe(500);
  });
});

describe('parsing what people type', () => {
  it('reads French and English decimals', () => {
    expect(parseMoney('12,5')).toBe(1250);
    expect(parseMoney('1 234,50 €')).toBe(123450);
    expect(parseMoney('20')).toBe(2000);
    expect(parseMoney('12,345')).toBeNull();
    expect(parseMoney('abc')).toBeNull();
    expect(parseQuantity('2,5')).toBe(2500);
    expect(parseQuantity('1.25')).toBe(1250);
    expect(parseQuantity('-1')).toBeNull();
    expect(parsePercent('5,5')).toBe(550);
  });
});

describe('French formatting', () => {
  it('formats money with a narrow no-break space and a no-break space before €', () => {
    expect(formatMoney(123450)).toBe('1\u202f234,50\u00a0€');
    expect(formatMoney(50)).toBe('0,50\u00a0€');
    expect(plainSpaces(formatMoney(123450))).toBe('1 234,50 €');
  });
  it('formats quantities, rates and days', () => {
    expect(formatQuantity(1500)).toBe('1,5');
    expect(formatRate(550)).toBe('5,5\u00a0%');
    expect(formatDay('2026-11-22')).toBe('22/11/2026');
  });
});
