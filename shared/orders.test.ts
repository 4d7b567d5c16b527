import { describe, expect, it } from 'vitest';
import {
  canMoveTo,
  contributionsByMember,
  depositAmount,
  isLate,
  isOrderLocked,
  lineProgress,
  materialsNeeded,
  NEXT_STATUSES,
  orderCost,
  orderLineTotal,
  orderTotals,
  paymentState,
  remainingToProduce,
} from './orders';
import { orderStatuses, type Contribution, type Invoice, type Material, type Order, type OrderLine, type OrderPayment, type Product } from './schemas';

const NOW = '2026-11-23T10:00:00.000Z';

const garlandLine: OrderLine = { key: 'g', productId: 'p-garland', name: 'Guirlande wax (mètre)', unit: 'metre', quantity: 60_000, unitPrice: 1200, vatRate: 2000 };

function order(lines: OrderLine[], patch: Partial<Order> = {}): Order {
  return {
    id: 'o1',
    number: 'C-2026-0007',
    customerId: 'c1',
    lines,
    dueDay: '2026-11-28',
    dueTime: '',
    delivery: { kind: 'stall' },
    notes: '',
    customerRef: '',
    quoteValidUntil: '2026-12-23',
    status: 'confirmed',
    createdAt: NOW,
    updatedAt: NOW,
    ...patch,
  };
}

function material(id: string, name: string, unitCost: number): Material {
  return { id, name, unit: 'metre', unitCost, vatRate: 2000, lowStock: 0, supplierNote: '', archived: false, createdAt: NOW, updatedAt: NOW };
}

/** DOMAIN.md "Cost price": wax offcuts donated, ribbon 0,50 € HT/m (0,60 TTC), thread 1,50 € HT/reel (1,80 TTC). */
const wax = material('m-wax', 'Chutes de wax', 0);
const ribbon = material('m-ribbon', 'Ruban', 60);
const thread = { ...material('m-thread', 'Fil', 180), unit: 'piece' as const };
const materials = [wax, ribbon, thread];

const garland: Product = {
  id: 'p-garland',
  name: 'Guirlande wax (mètre)',
  picture: { kind: 'none' },
  color: '#aa3300',
  category: 'Guirlandes',
  unit: 'metre',
  price: 1200,
  vatRate: 2000,
  makerIds: [],
  trackStock: false,
  recipe: {
    lines: [
      { materialId: 'm-wax', quantity: 400 },
      { materialId: 'm-ribbon', quantity: 1100 },
      { materialId: 'm-thread', quantity: 200 },
    ],
    labourMinutes: 30,
  },
  archived: false,
  createdAt: NOW,
  updatedAt: NOW,
};

const settings = { hourlyRate: 1200, thinMarginBp: 1500, targetMarginBp: 2500, contributionBp: 1000 };

function payment(amount: number, kind: OrderPayment['kind'] = 'payment'): OrderPayment {
  return { id: `pay-${amount}`, orderId: 'o1', kind, method: 'transfer', amount, day: '2026-11-23', tillId: 't1', businessDay: '2026-11-23', at: NOW };
}

let seq = 0;
function contribution(memberId: string, quantity: number, patch: Partial<Contribution> = {}): Contribution {
  seq += 1;
  return { id: `k${seq}`, orderId: 'o1', memberId, quantity, minutes: 0, day: '2026-11-24', at: NOW, ...patch };
}

describe('order totals (DOMAIN.md worked order)', () => {
  it('60 m of garland at 12,00 €/m: 720,00 € TTC = 600,00 € HT + 120,00 € VAT', () => {
    expect(orderLineTotal(garlandLine)).toBe(72_000);
    expect(orderTotals([garlandLine])).toEqual({
      lines: [{ key: 'g', total: 72_000 }],
      byRate: [{ rate: 2000, ttc: 72_000, ht: 60_000, vat: 12_000 }],
      ttc: 72_000,
      ht: 60_000,
      vat: 12_000,
    });
  });

  it('a buffet for 40 (catering at 10 %) with cider (alcohol, 20 %): VAT per rate, rounded per rate', () => {
    const lines: OrderLine[] = [
      { key: 'b', name: 'Buffet (par personne)', unit: 'portion', quantity: 40_000, unitPrice: 1500, vatRate: 1000 },
      { key: 'c', name: 'Cidre (bouteille)', unit: 'piece', quantity: 12_000, unitPrice: 650, vatRate: 2000 },
    ];
    const totals = orderTotals(lines);
    // 10 %: 600,00 TTC → HT round(60000 × 10000 / 11000) = round(54545,45) = 545,45; VAT 54,55.
    // 20 %: 78,00 TTC → HT 65,00; VAT 13,00. Highest rate first, like a ticket.
    expect(totals.byRate).toEqual([
      { rate: 2000, ttc: 7800, ht: 6500, vat: 1300 },
      { rate: 1000, ttc: 60_000, ht: 54_545, vat: 5455 },
    ]);
    expect(totals).toMatchObject({ ttc: 67_800, ht: 61_045, vat: 6755 });
    expect(totals.lines).toEqual([
      { key: 'b', total: 60_000 },
      { key: 'c', total: 7800 },
    ]);
  });

  it('rounds a fractional quantity half away from zero per line (1,5 m at 12,35 €)', () => {
    expect(orderLineTotal({ unitPrice: 1235, quantity: 1500 })).toBe(1853); // 1852,5 → 1853
  });
});

describe('order totals on many random orders', () => {
  it('always adds up: TTC = Σ line totals, HT + VAT = TTC per rate and overall, HT per rate as DOMAIN.md rounds it', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const rates = [2000, 1000, 550, 210, 0];
    for (let round = 0; round < 500; round += 1) {
      const lines: OrderLine[] = Array.from({ length: 1 + rand(6) }, (_, i) => ({
        key: `l${i}`,
        name: `Ligne ${i}`,
        unit: 'metre',
        quantity: 1 + rand(200_000),
        unitPrice: rand(50_000),
        vatRate: rates[rand(rates.length)] as number,
      }));
      const totals = orderTotals(lines);
      expect(totals.ttc).toBe(totals.lines.reduce((a, l) => a + l.total, 0));
      expect(totals.ht + totals.vat).toBe(totals.ttc);
      for (const r of totals.byRate) {
        expect(r.ht + r.vat).toBe(r.ttc);
        expect(r.ttc).toBe(lines.filter((l) => l.vatRate === r.rate).reduce((a, l) => a + orderLineTotal(l), 0));
        expect(Math.abs(r.ht * (10_000 + r.rate) - r.ttc * 10_000)).toBeLessThanOrEqual((10_000 + r.rate) / 2);
      }
    }
  });
});

describe('deposit and balance', () => {
  it('30 % of 720,00 € is 216,00 €, leaving 504,00 €', () => {
    const deposit = depositAmount(72_000, { kind: 'percent', value: 3000 });
    expect(deposit).toBe(21_600);
    expect(paymentState(72_000, [payment(deposit, 'deposit')])).toEqual({ paid: 21_600, remaining: 50_400, overpaid: 0 });
  });

  it('rounds a percentage half away from zero and never asks more than the total', () => {
    expect(depositAmount(1001, { kind: 'percent', value: 5000 })).toBe(501); // 500,5 → 501
    expect(depositAmount(72_000, { kind: 'amount', value: 10_000 })).toBe(10_000);
    expect(depositAmount(72_000, { kind: 'amount', value: 99_000 })).toBe(72_000);
    expect(depositAmount(72_000, { kind: 'percent', value: 12_000 })).toBe(72_000);
  });

  it('deposit then balance settles the order exactly; an excess shows as overpaid, not as a negative remainder', () => {
    expect(paymentState(72_000, [payment(21_600, 'deposit'), payment(50_400)])).toEqual({ paid: 72_000, remaining: 0, overpaid: 0 });
    expect(paymentState(72_000, [payment(21_600, 'deposit'), payment(60_000)])).toEqual({ paid: 81_600, remaining: 0, overpaid: 9600 });
    expect(paymentState(72_000, [])).toEqual({ paid: 0, remaining: 72_000, overpaid: 0 });
  });
});

describe('status machine', () => {
  it('follows devis → confirmée → en production → prête → livrée → soldée', () => {
    expect(canMoveTo('quote', 'confirmed')).toBe(true);
    expect(canMoveTo('confirmed', 'inProduction')).toBe(true);
    expect(canMoveTo('confirmed', 'ready')).toBe(true);
    expect(canMoveTo('inProduction', 'ready')).toBe(true);
    expect(canMoveTo('ready', 'delivered')).toBe(true);
    expect(canMoveTo('delivered', 'paid')).toBe(true);
  });

  it('refuses skipping ahead, going back, and leaving a final status', () => {
    expect(canMoveTo('quote', 'delivered')).toBe(false);
    expect(canMoveTo('quote', 'paid')).toBe(false);
    expect(canMoveTo('inProduction', 'confirmed')).toBe(false);
    expect(canMoveTo('ready', 'inProduction')).toBe(false);
    expect(canMoveTo('delivered', 'cancelled')).toBe(false);
    for (const to of orderStatuses) {
      expect(canMoveTo('paid', to)).toBe(false);
      expect(canMoveTo('cancelled', to)).toBe(false);
    }
    expect(NEXT_STATUSES.paid).toEqual([]);
  });

  it('cancels from any status before delivery', () => {
    for (const from of ['quote', 'confirmed', 'inProduction', 'ready'] as const) expect(canMoveTo(from, 'cancelled')).toBe(true);
  });

  it('locks an order once delivered or invoiced, and unlocks it when the invoice is reversed by a credit note', () => {
    const invoice = { id: 'i1', kind: 'invoice' } as Invoice;
    const credit = { id: 'a1', kind: 'creditNote', creditsId: 'i1' } as Invoice;
    expect(isOrderLocked({ status: 'ready' }, [])).toBe(false);
    expect(isOrderLocked({ status: 'delivered' }, [])).toBe(true);
    expect(isOrderLocked({ status: 'delivered' }, [invoice])).toBe(true);
    expect(isOrderLocked({ status: 'delivered' }, [invoice, credit])).toBe(false);
    expect(isOrderLocked({ status: 'cancelled' }, [])).toBe(true);
  });

  it('marks an order late when its due day has passed and it is not delivered yet', () => {
    const o = order([garlandLine], { dueDay: '2026-11-20' });
    expect(isLate(o, '2026-11-21')).toBe(true);
    expect(isLate(o, '2026-11-20')).toBe(false);
    expect(isLate({ ...o, status: 'delivered' }, '2026-11-21')).toBe(false);
    expect(isLate({ ...o, status: 'cancelled' }, '2026-11-21')).toBe(false);
  });
});

describe('production shared by members', () => {
  it('progress 38 / 60 m from three members, with a mistake undone by a counter-entry', () => {
    const o = order([garlandLine, { key: 'f', name: 'Pose sur place', unit: 'piece', quantity: 1000, unitPrice: 5000, vatRate: 2000 }]);
    const mistaken = contribution('mariam', 10_000, { lineKey: 'g' });
    const list = [
      contribution('awa', 12_000, { lineKey: 'g', minutes: 240 }),
      // No line named: counts to the first line with a product (the garland).
      contribution('fatou', 20_000),
      mistaken,
      contribution('mariam', -10_000, { lineKey: 'g', correctsId: mistaken.id }),
      contribution('mariam', 6000, { lineKey: 'g' }),
      // Time on the whole order: no quantity anywhere.
      contribution('awa', 0, { minutes: 90 }),
    ];
    const progress = lineProgress(o, list);
    expect(progress).toEqual([
      { key: 'g', name: 'Guirlande wax (mètre)', unit: 'metre', ordered: 60_000, produced: 38_000 },
      { key: 'f', name: 'Pose sur place', unit: 'piece', ordered: 1000, produced: 0 },
    ]);
    expect(remainingToProduce(progress[0] as (typeof progress)[number])).toBe(22_000);
    expect(contributionsByMember(list)).toEqual([
      { memberId: 'awa', quantity: 12_000, minutes: 330 },
      { memberId: 'fatou', quantity: 20_000, minutes: 0 },
      { memberId: 'mariam', quantity: 6000, minutes: 0 },
    ]);
  });

  it('drops a member whose only contribution was corrected', () => {
    const c = contribution('binta', 5000, { minutes: 30 });
    expect(contributionsByMember([c, contribution('binta', -5000, { minutes: -30, correctsId: c.id })])).toEqual([]);
  });
});

describe('cost price and materials', () => {
  it('costs the worked garland order from its recipe: 60 × 6,85 € = 411,00 €, margin 129,00 € (21,5 %)', () => {
    const cost = orderCost(order([garlandLine]), [garland], materials, settings);
    expect(cost).toMatchObject({ cost: 41_100, ht: 60_000, contribution: 6000, margin: 12_900, marginBp: 2150, status: 'ok', unknownCost: false });
    expect(cost.perLine).toEqual([{ key: 'g', cost: 41_100, ht: 60_000, contribution: 6000, margin: 12_900, marginBp: 2150, status: 'ok', unknownCost: false }]);
  });

  it('at 9,00 € the metre the order loses money and says so', () => {
    const cost = orderCost(order([{ ...garlandLine, unitPrice: 900 }]), [garland], materials, settings);
    // 60 × (7,50 − 6,85 − 0,75) = −6,00 €
    expect(cost).toMatchObject({ ht: 45_000, cost: 41_100, contribution: 4500, margin: -600, status: 'loss' });
  });

  it('flags a free-text line as of unknown cost (cost 0) and a thin margin below the threshold', () => {
    const cost = orderCost(order([garlandLine, { key: 'x', name: 'Livraison', unit: 'piece', quantity: 1000, unitPrice: 0, vatRate: 2000 }]), [garland], materials, { ...settings, thinMarginBp: 2500 });
    expect(cost.unknownCost).toBe(true);
    expect(cost.perLine[1]).toMatchObject({ key: 'x', cost: 0, unknownCost: true });
    expect(cost.status).toBe('thin');
  });

  it('says what is missing: 66 m of ribbon needed, 52 m in stock → 14 m to buy', () => {
    const levels = new Map([
      ['m-ribbon', 52_000],
      ['m-wax', 30_000],
      ['m-thread', 20_000],
    ]);
    const needs = materialsNeeded(order([garlandLine]), [garland], materials, levels);
    expect(needs).toEqual([
      { materialId: 'm-wax', name: 'Chutes de wax', unit: 'metre', needed: 24_000, inStock: 30_000, missing: 0, missingCost: 0 },
      // 14 m at 0,50 € HT = 7,00 €
      { materialId: 'm-ribbon', name: 'Ruban', unit: 'metre', needed: 66_000, inStock: 52_000, missing: 14_000, missingCost: 700 },
      { materialId: 'm-thread', name: 'Fil', unit: 'piece', needed: 12_000, inStock: 20_000, missing: 0, missingCost: 0 },
    ]);
  });

  it('counts a material with no stock record, or below zero, as all missing', () => {
    const needs = materialsNeeded(order([garlandLine]), [garland], materials, new Map([['m-ribbon', -2000]]));
    expect(needs.map((n) => [n.materialId, n.missing])).toEqual([
      ['m-wax', 24_000],
      ['m-ribbon', 66_000],
      ['m-thread', 12_000],
    ]);
  });
});
