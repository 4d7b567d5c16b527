/**
 * The day's screens cost the day, not the season: a Z (preview or closing)
 * and the choice of the day to close read that day's rows and the last Z,
 * however many market days came before. Rows are counted as Dexie's core
 * hands them back (gets, queries and cursor steps), per table.
 */
import { describe, expect, it } from 'vitest';
import type { DBCore, DBCoreCursor, Middleware } from 'dexie';
import { shiftDay } from '../../shared/closing';
import { closeDay, dayToClose, previewDayClosing, recordCashMovement } from './closings';
import { recordSale } from './sales';
import { cartLine, demoDb } from './testing';

type Reads = Map<string, number>;

/** A DBCore middleware adding up the records each table returns. */
function readCounter(reads: Reads): Middleware<DBCore> {
  const add = (table: string, n: number) => reads.set(table, (reads.get(table) ?? 0) + n);
  return {
    stack: 'dbcore',
    name: 'read-counter',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          // .then, not async/await: the wrapper hands Dexie its own promise back, so nothing leaves the transaction's zone.
          get: (req) =>
            table.get(req).then((value: unknown) => {
              if (value !== undefined) add(name, 1);
              return value;
            }),
          getMany: (req) =>
            table.getMany(req).then((values: unknown[]) => {
              add(name, values.filter((v) => v !== undefined).length);
              return values;
            }),
          query: (req) =>
            table.query(req).then((res) => {
              add(name, res.result.length);
              return res;
            }),
          openCursor: async (req) => {
            const cursor = await table.openCursor(req);
            if (!cursor) return cursor;
            // Each step the cursor lands on a record is one row read.
            return Object.create(cursor, {
              start: { value: (onNext: () => void) => cursor.start(() => (add(name, 1), onNext())) },
            }) as DBCoreCursor;
          },
        };
      },
    }),
  };
}

const EARLIER_DAYS = 40;
const SALES_PER_DAY = 6;
const FIRST = '2026-09-01';
const at = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/** A season: 40 closed market days of 6 sales each, then an open day with 2 sales and a fund. */
async function season() {
  const ctx = await demoDb();
  const { db, coop, product } = ctx;
  const reads: Reads = new Map();
  db.close();
  db.use(readCounter(reads));
  await db.open();
  const lines = [
    [cartLine(product('Guirlande wax 1 m'), 1000)],
    [cartLine(product('Chouchou wax'), 2000), cartLine(product('Guirlande wax au mètre'), 1500)],
  ];
  const sell = (day: string, i: number) => {
    const cart = { lines: lines[i % 2] ?? [] };
    return recordSale(db, coop, { cart, payments: [{ method: i % 3 === 0 ? 'card' : 'cash', amount: i % 2 === 0 ? 1200 : 2600 }], at: at(day, 9 + i) });
  };
  for (let d = 0; d < EARLIER_DAYS; d += 1) {
    const day = shiftDay(FIRST, d);
    for (let i = 0; i < SALES_PER_DAY; i += 1) await sell(day, i);
    await closeDay(db, coop, { day, count: [], countedBy: 'Awa', at: at(day, 18) });
  }
  const today = shiftDay(FIRST, EARLIER_DAYS);
  await recordCashMovement(db, coop, { kind: 'fund', amount: 5000, at: at(today, 8) });
  await sell(today, 0);
  await sell(today, 1);
  return { ...ctx, reads, today, sell };
}

describe('a Z reads its day and the previous Z only', () => {
  it('previews and closes day 41 of a season reading 2 sales, not 242, with the same perpetual total as summing history', async () => {
    const { db, coop, reads, today } = await season();
    const history = await db.sales.toArray();
    expect(history).toHaveLength(EARLIER_DAYS * SALES_PER_DAY + 2);
    const seasonTotal = history.reduce((a, s) => a + s.totals.ttc, 0);

    reads.clear();
    expect(await dayToClose(db, coop, at(today, 17))).toBe(today);
    // The first sale after the last Z, nothing before it.
    expect(reads.get('sales') ?? 0).toBe(1);

    reads.clear();
    const preview = await previewDayClosing(db, coop, { day: today, count: [{ value: 5000, quantity: 2 }] });
    expect(reads.get('sales')).toBe(2);
    // The previous Z (to number this one and carry its perpetual total), not the 40 Zs.
    expect(reads.get('closings') ?? 0).toBeLessThanOrEqual(2);
    // The three products the day sold, for their categories: not the catalogue.
    expect(reads.get('products') ?? 0).toBe(3);
    // The last entry (the Z's head) and the till's key entry (its fingerprint), not the season's.
    expect(reads.get('journal') ?? 0).toBeLessThanOrEqual(2);
    expect(preview.totals.tickets).toBe(2);
    expect(preview.grandTotal).toBe(seasonTotal);

    reads.clear();
    const z = await closeDay(db, coop, { day: today, count: [{ value: 5000, quantity: 2 }], countedBy: 'Awa', at: at(today, 18) });
    expect(reads.get('sales')).toBe(2);
    expect(reads.get('closings') ?? 0).toBeLessThanOrEqual(4);
    expect(z).toMatchObject({ number: EARLIER_DAYS + 1, periodTotal: 1200 + 2600, grandTotal: seasonTotal, firstTicket: 241, lastTicket: 242 });
    // 50 € fund + 26 € cash (the 12 € sale was by card): counted 100 €.
    expect(z.cash).toMatchObject({ expected: 7600, counted: 10000, difference: 2400 });
  });

  it('a day left unclosed between the last Z and the day closed still counts in the perpetual total', async () => {
    const { db, coop, reads, today, sell } = await season();
    const later = shiftDay(today, 3);
    await sell(later, 0);
    const seasonTotal = (await db.sales.toArray()).reduce((a, s) => a + s.totals.ttc, 0);
    reads.clear();
    const z = await closeDay(db, coop, { day: later, count: [], countedBy: 'Awa', at: at(later, 18) });
    // The unclosed day's 2 sales and the closed day's 1: still not the 240 before the last Z.
    expect(reads.get('sales')).toBe(3);
    expect(z.periodTotal).toBe(1200);
    expect(z.grandTotal).toBe(seasonTotal);
  });
});
