import { describe, expect, it } from 'vitest';
import { seeded } from '../test/fixtures/seeded';
import { formatAmount, formatDateTime, formatMoney, formatTime } from './format';

/** What formatAmount and formatMoney wrote before their formatters were cached: a new formatter per call. */
const freshAmount = (cents: number) => new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
const freshMoney = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

describe('formatAmount and formatMoney with cached formatters', () => {
  it('write the same bytes as a fresh formatter, narrow no-break thousands and no-break space before € included', () => {
    const random = seeded(20);
    const samples = [0, 1, -1, 5, 99, 100, 123450, -123450, 100_000_000, 999_999_999_99];
    // Every magnitude up to 10^13 cents (100 billion euros), where a double still holds every cent.
    for (let i = 0; i < 2000; i += 1) samples.push(random.int(-(10 ** 13), 10 ** 13));
    for (const cents of samples) {
      expect(formatAmount(cents)).toBe(freshAmount(cents));
      expect(formatMoney(cents)).toBe(freshMoney(cents));
    }
    expect([...formatMoney(123450)].map((c) => c.codePointAt(0)?.toString(16))).toEqual(['31', '202f', '32', '33', '34', '2c', '35', '30', 'a0', '20ac']);
    expect(formatAmount(-123456789)).toBe('-1\u202f234\u202f567,89');
  });

  it('keep the last cent of amounts a double cannot divide by 100 exactly', () => {
    expect(formatAmount(Number.MAX_SAFE_INTEGER)).toBe('90\u202f071\u202f992\u202f547\u202f409,91');
    expect(formatMoney(-Number.MAX_SAFE_INTEGER)).toBe('-90\u202f071\u202f992\u202f547\u202f409,91\u00a0€');
  });

  it('format times and dates per time zone, the cache keeping zones apart', () => {
    const instant = '2026-11-22T13:05:00.000Z';
    expect(formatTime(instant)).toBe('14:05');
    expect(formatTime(instant, 'America/Cayenne')).toBe('10:05');
    expect(formatTime(instant)).toBe('14:05');
    expect(formatDateTime(instant, 'Indian/Reunion')).toBe('22/11/2026 17:05');
    expect(formatDateTime(instant)).toBe('22/11/2026 14:05');
  });
});
