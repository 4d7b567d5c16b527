import { describe, expect, it } from 'vitest';
import { buildClosingReceipt } from './closing-receipt';
import { demoCoop } from './demo';
import { layoutReceipt, receiptSchema } from './receipt';
import type { Closing } from './schemas';

const closing: Closing = {
  id: 'z1', tillId: 'till-123456789', kind: 'day', number: 1, businessDay: '2026-12-05', at: '2026-12-05T18:00:00.000Z', countedBy: 'Awa',
  firstTicket: 1, lastTicket: 4,
  totals: {
    tickets: 3, cancellations: 1, ttc: 4200, ht: 3500, vat: 700, discounts: 0,
    byRate: [{ rate: 2000, ht: 3500, vat: 700, ttc: 4200 }],
    byMethod: { cash: 2400, card: 1800, cheque: 0, transfer: 0, other: 0 },
    byCategory: [{ category: 'Guirlandes', ttc: 4200 }],
    topProducts: [{ productId: 'p1', name: 'Guirlande wax 1 m', quantity: 2000, ttc: 2400 }],
  },
  cash: { fund: 10000, cashSales: 2400, cashIn: 500, cashOut: 2000, expected: 10900, counted: 10850, difference: -50, count: [{ value: 5000, quantity: 1 }] },
  periodTotal: 4200, grandTotal: 4200, lastJournalHash: 'ab'.repeat(32),
};

describe('the Z report on paper', () => {
  it('passes the bridge schema and prints the figures and the last journal hash on 48 columns', () => {
    const receipt = buildClosingReceipt(closing, demoCoop({ newId: () => 'x', now: '2026-12-01T08:00:00.000Z', tillId: 'till-123456789' }));
    expect(receiptSchema.parse(receipt).kind).toBe('closing');
    const text = layoutReceipt(receipt, 48).join('\n');
    expect(text).toContain('CLÔTURE JOURNALIÈRE (Z) n° 1');
    expect(text).toMatch(/TOTAL TTC +42,00 €/);
    expect(text).toMatch(/Attendu +109,00 €/);
    expect(text).toMatch(/Écart +-0,50 €/);
    expect(text).toMatch(/Total perpétuel TTC +42,00 €/);
    expect(text).toContain('ab'.repeat(16));
    expect(layoutReceipt(receipt, 32).every((l) => l.length <= 32)).toBe(true);
  });

  it('prints each top product with its unit, metres and pieces alike, and a Z recorded before units as a bare quantity', () => {
    const coop = demoCoop({ newId: () => 'x', now: '2026-12-01T08:00:00.000Z', tillId: 'till-123456789' });
    const topProducts = [
      { productId: 'p2', name: 'Guirlande au mètre', quantity: 1500, unit: 'metre' as const, ttc: 1800 },
      { productId: 'p1', name: 'Guirlande wax 1 m', quantity: 2000, unit: 'piece' as const, ttc: 2400 },
      { productId: 'p3', name: 'Trousse', quantity: 1000, unit: 'piece' as const, ttc: 900 },
    ];
    const lines = layoutReceipt(buildClosingReceipt({ ...closing, totals: { ...closing.totals, topProducts } }, coop), 32);
    expect(lines).toEqual(expect.arrayContaining(['  Guirlande au mètre · 1,5 m', '  Guirlande wax 1 m · 2 pièces', `${'  Trousse · 1 pièce'.padEnd(26)}9,00 €`]));
    const old = layoutReceipt(buildClosingReceipt(closing, coop), 48).join('\n');
    expect(old).toMatch(/ {2}Guirlande wax 1 m · 2 +24,00 €/);
  });

  it('prints the orders block (by method, deposits and balances) and the cash received for orders, only when there are some', () => {
    const coop = demoCoop({ newId: () => 'x', now: '2026-12-01T08:00:00.000Z', tillId: 'till-123456789' });
    const withOrders: Closing = {
      ...closing,
      cash: { ...closing.cash, cashOrders: 5000, expected: 15900, difference: -5050 },
      orders: { count: 2, deposits: 26600, payments: 0, total: 26600, byMethod: { cash: 5000, card: 0, cheque: 0, transfer: 21600, other: 0 } },
    };
    const text = layoutReceipt(buildClosingReceipt(withOrders, coop), 48).join('\n');
    expect(text).toContain('Commandes (acomptes et soldes)');
    expect(text).toMatch(/Virement +216,00 €/);
    expect(text).toMatch(/Acomptes +266,00 €/);
    expect(text).toMatch(/Total encaissé sur commandes +266,00 €/);
    expect(text).toMatch(/Commandes en espèces +50,00 €/);
    expect(text).toMatch(/Attendu +159,00 €/);
    expect(layoutReceipt(buildClosingReceipt(closing, coop), 48).join('\n')).not.toContain('Commandes');
    // No cash out: 0,00 €, never "-0,00 €".
    expect(layoutReceipt(buildClosingReceipt({ ...closing, cash: { ...closing.cash, cashOut: 0 } }, coop), 48).join('\n')).toMatch(/Sorties +0,00 €/);
  });

  it('prints a month closing with its period, the Zs it sums and who closed it', () => {
    const coop = demoCoop({ newId: () => 'x', now: '2026-12-01T08:00:00.000Z', tillId: 'till-123456789' });
    const month: Closing = { ...closing, id: 'm1', kind: 'month', number: 2, businessDay: '2026-11-30', period: '2026-11', days: 3, firstZ: 4, lastZ: 6, cash: { ...closing.cash, count: [] } };
    const receipt = buildClosingReceipt(month, coop);
    const text = layoutReceipt(receipt, 48).join('\n');
    expect(text).toContain('CLÔTURE MENSUELLE n° 2');
    expect(text).toMatch(/Période +11\/2026/);
    expect(text).toContain('Z n° 4 à 6 (3 journées)');
    expect(text).toMatch(/Clôturé par +Awa/);
    expect(text).not.toContain('JOURNALIÈRE');
    expect(receipt.reference).toBe('M:till-123:2:2026-11');
    expect(layoutReceipt(buildClosingReceipt({ ...month, kind: 'year', number: 1, period: '2026', businessDay: '2026-12-31' }, coop), 48).join('\n')).toMatch(/CLÔTURE ANNUELLE n° 1[\s\S]*Période +2026/);
  });
});
