/**
 * Figures for the day's charts: sales by hour of the day, by maker, and the
 * previous market day to compare with. Pure; integer cents.
 */
import { allocate } from './money';
import type { Sale } from './schemas/sale';

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** Hour of the day (0–23) of an instant in a time zone. */
export function hourOf(instant: string, timeZone: string): number {
  let fmt = hourFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone });
    hourFormats.set(timeZone, fmt);
  }
  return Number(fmt.format(new Date(instant))) % 24;
}

/** Total incl. VAT per hour of the day, 24 buckets; a cancellation counts in the hour it is recorded. */
export function salesByHour(sales: readonly Sale[], timeZone: string): number[] {
  const hours = Array.from({ length: 24 }, () => 0);
  for (const sale of sales) {
    const h = hourOf(sale.at, timeZone);
    hours[h] = (hours[h] ?? 0) + sale.totals.ttc;
  }
  return hours;
}

/** The first and last hour with any sale in either series (for a chart that does not show empty nights). */
export function activeHours(...series: readonly (readonly number[])[]): [number, number] {
  const used = Array.from({ length: 24 }, (_, h) => h).filter((h) => series.some((s) => (s[h] ?? 0) !== 0));
  return used.length === 0 ? [8, 19] : [Math.min(...used), Math.max(...used)];
}

/** Each line's total incl. VAT split between its makers (equal shares, cents by largest remainder). */
export function salesByMaker(sales: readonly Sale[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const sale of sales) {
    for (const line of sale.lines) {
      if (line.makerIds.length === 0) continue;
      const parts = allocate(line.total, line.makerIds.map(() => 1));
      line.makerIds.forEach((id, i) => out.set(id, (out.get(id) ?? 0) + (parts[i] ?? 0)));
    }
  }
  return out;
}

/** The latest business day before `day` among `days` (the previous market), if any. */
export function previousMarketDay(days: readonly string[], day: string): string | undefined {
  return [...days].filter((d) => d < day).sort().at(-1);
}
