import { describe, expect, it } from 'vitest';
import { activeHours, hourOf, previousMarketDay, salesByHour, salesByMaker } from './reports';
import type { Sale } from './schemas';

const sale = (at: string, total: number, makerIds: string[], type: Sale['type'] = 'sale'): Sale => ({
  id: at, tillId: 't', ticketNumber: 1, type, businessDay: at.slice(0, 10), at,
  lines: [{ productId: 'p', name: 'P', unit: 'piece', quantity: type === 'sale' ? 1000 : -1000, unitPrice: 1000, vatRate: 2000, gross: total, discount: 0, total, makerIds }],
  payments: [{ method: 'card', amount: total }],
  totals: { byRate: [], ttc: total, ht: 0, vat: 0 },
});

describe('day reports', () => {
  it('buckets sales by local hour, cancellations in the hour they are recorded', () => {
    expect(hourOf('2026-12-05T09:30:00.000Z', 'Europe/Paris')).toBe(10);
    expect(hourOf('2026-07-05T09:30:00.000Z', 'Europe/Paris')).toBe(11);
    const hours = salesByHour([sale('2026-12-05T09:10:00.000Z', 1200, []), sale('2026-12-05T09:50:00.000Z', 600, []), sale('2026-12-05T15:00:00.000Z', -600, [], 'cancellation')], 'Europe/Paris');
    expect(hours[10]).toBe(1800);
    expect(hours[16]).toBe(-600);
    expect(hours.reduce((a, b) => a + b, 0)).toBe(1200);
    expect(activeHours(hours)).toEqual([10, 16]);
    expect(activeHours(Array.from({ length: 24 }, () => 0))).toEqual([8, 19]);
  });

  it('splits each line between its makers to the cent', () => {
    const byMaker = salesByMaker([sale('2026-12-05T09:00:00.000Z', 1000, ['a', 'b', 'c']), sale('2026-12-05T10:00:00.000Z', 500, ['a'])]);
    expect([byMaker.get('a'), byMaker.get('b'), byMaker.get('c')]).toEqual([834, 333, 333]);
  });

  it('finds the previous market day', () => {
    expect(previousMarketDay(['2026-11-28', '2026-12-05', '2026-11-21'], '2026-12-05')).toBe('2026-11-28');
    expect(previousMarketDay(['2026-12-05'], '2026-12-05')).toBeUndefined();
  });
});
