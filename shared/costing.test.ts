import { describe, expect, it } from 'vitest';
import { costBreakdown, marginStatus, materialCost, suggestedPrice, type CostInput } from './costing';
import { formatMoney, formatRate } from './format';

// DOMAIN.md, "Guirlande wax (mètre)".
const garland: CostInput = {
  price: 1200,
  vatRate: 2000,
  materials: [
    { quantity: 400, unitCostTtc: 0, vatRate: 0 }, // wax offcuts, donated
    { quantity: 1100, unitCostTtc: 60, vatRate: 2000 }, // ribbon 0,50 €/m excl. VAT
    { quantity: 200, unitCostTtc: 180, vatRate: 2000 }, // thread 1,50 € excl. VAT a reel
  ],
  labourMinutes: 30,
  hourlyRate: 1200,
  contributionBp: 1000,
};

describe('cost price', () => {
  it('gives the worked example: cost 6,85 €, margin 2,15 € (21,5 %)', () => {
    const b = costBreakdown(garland);
    expect(b).toEqual({ materials: 85, labour: 600, cost: 685, priceHt: 1000, contribution: 100, margin: 215, marginBp: 2150 });
    expect(formatRate(b.marginBp)).toBe('21,5\u00a0%');
    expect(marginStatus(b)).toBe('ok');
  });

  it('shows the loss at 9,00 €: −0,10 € per metre', () => {
    const b = costBreakdown({ ...garland, price: 900 });
    expect([b.priceHt, b.contribution, b.margin]).toEqual([750, 75, -10]);
    expect(marginStatus(b)).toBe('loss');
    expect(formatMoney(-b.margin)).toBe('0,10\u00a0€');
  });

  it('flags a thin margin under the threshold', () => {
    const b = costBreakdown({ ...garland, price: 1050 }); // HT 875, contribution 88 (87,5 rounded), margin 102
    expect(b.margin).toBe(102);
    expect(marginStatus(b)).toBe('thin');
    expect(marginStatus(b, 1000)).toBe('ok');
  });

  it('suggests 12,65 € for a 25 % margin (rounded up to the cent)', () => {
    expect(suggestedPrice(685, 2000, 1000, 2500)).toBe(1265);
    const check = costBreakdown({ ...garland, price: 1265 });
    expect(check.marginBp).toBeGreaterThanOrEqual(2500);
    expect(suggestedPrice(685, 2000, 5000, 5000)).toBeNull();
  });

  it('handles products without a recipe and decimal material quantities', () => {
    expect(costBreakdown({ ...garland, materials: [], labourMinutes: 0 }).cost).toBe(0);
    // 0,125 kg of sugar at 1,99 € incl. 5,5 % → 0,2358… → 0,24 €
    expect(materialCost({ quantity: 125, unitCostTtc: 199, vatRate: 550 })).toBe(24);
  });
});
