import { describe, expect, it } from 'vitest';
import { priceCart, type CartLine } from './cart';

const line = (key: string, unitPrice: number, quantity: number, vatRate: number): CartLine => ({
  key,
  productId: key,
  name: key,
  unit: 'piece',
  unitPrice,
  vatRate,
  quantity,
  makerIds: [],
});

// DOMAIN.md worked ticket.
const lines = [line('g1', 1200, 2000, 2000), line('gm', 1200, 1500, 2000), line('be', 250, 3000, 550)];

describe('priceCart', () => {
  it('prices the worked ticket', () => {
    const priced = priceCart({ lines });
    expect(priced.lines.map((l) => l.total)).toEqual([2400, 1800, 750]);
    expect(priced.totals).toMatchObject({ ttc: 4950, ht: 4211, vat: 739 });
    expect(priced.discount).toBe(0);
  });

  it('spreads a 10 % ticket discount over the lines and recomputes VAT per rate', () => {
    const priced = priceCart({ lines, discount: { kind: 'percent', value: 1000 } });
    expect(priced.lines.map((l) => l.discount)).toEqual([240, 180, 75]);
    expect(priced.totals.ttc).toBe(4455);
    expect(priced.totals.byRate).toEqual([
      { rate: 2000, ttc: 3780, ht: 3150, vat: 630 },
      { rate: 550, ttc: 675, ht: 640, vat: 35 },
    ]);
    expect(priced.gross - priced.discount).toBe(priced.totals.ttc);
  });

  it('applies a line discount before the ticket discount', () => {
    const priced = priceCart({
      lines: [{ ...line('a', 1000, 1000, 2000), discount: { kind: 'amount', value: 200 } }, line('b', 500, 1000, 2000)],
      discount: { kind: 'amount', value: 130 },
    });
    // Line a: 10,00 − 2,00 = 8,00; ticket 1,30 spread 8:5 → 0,80 + 0,50.
    expect(priced.lines.map((l) => [l.discount, l.total])).toEqual([
      [280, 720],
      [50, 450],
    ]);
    expect(priced.totals.ttc).toBe(1170);
  });
});
