/**
 * `npm run bench` (scripts/bench.mjs opens this page in Chromium).
 *
 * The question: what does the real sale path (pricing, zod, hashing, reads of
 * counter / journal / products / stock) cost on top of the IndexedDB writes it
 * cannot avoid? So the same run records N paid 3-line sales with recordSale and
 * N bare Dexie transactions writing records of the same shape and size, in
 * alternating blocks so that machine noise (GC, other processes, a growing
 * store) hits both sides alike. Speed targets live here only, never in tests.
 */
import { Dexie } from 'dexie';
import { lineFromProduct, priceCart, type Cart } from '../../shared/cart';
import { businessDay } from '../../shared/format';
import { nextEntry } from '../../shared/journal';
import { saleSchema, type Coop, type JournalEntry, type Sale, type StockMovement } from '../../shared/schemas';
import { loadDemo } from '../db/catalog';
import { EtalDb, newId, nowIso, ticketCounterKey } from '../db/db';
import { recordSale, settlePayments, verifyTillJournal, type PaymentInput } from '../db/sales';

export type Stats = { medianMs: number; p95Ms: number; meanMs: number; totalMs: number; count: number };

export type BenchResult = {
  n: number;
  warmup: number;
  blockSize: number;
  real: Stats;
  bare: Stats;
  /** Median real / median bare: the figure the target (≤ 1.5×) applies to. */
  ratio: number;
  ratioP95: number;
  /** Pure-JS parts of the real path, per sale, measured outside any transaction. */
  partsMs: { pricing: number; businessDay: number; zodParse: number; hashing: number };
  verify: { entries: number; ms: number; msPer1000: number };
  heapUsedMb: number | null;
  /** performance.now() granularity is 5 µs when cross-origin isolated, 100 µs otherwise. */
  crossOriginIsolated: boolean;
  userAgent: string;
};

/** Products tracked in stock, so each sale writes 3 movements and 3 levels. */
const CART: readonly { name: string; quantity: number }[] = [
  { name: 'Guirlande wax 1 m', quantity: 1000 },
  { name: 'Guirlande wax au mètre', quantity: 1500 },
  { name: 'Chouchou wax', quantity: 3000 },
];

type Side = { db: EtalDb; coop: Coop; cart: Cart; payments: PaymentInput[] };

async function openSide(label: string): Promise<Side> {
  const db = new EtalDb(`etal-bench-${label}-${newId()}`);
  const coop = await loadDemo(db);
  const products = await db.products.toArray();
  const lines = CART.map(({ name, quantity }, i) => {
    const product = products.find((p) => p.name === name);
    if (!product) throw new Error(`no demo product ${name}`);
    return lineFromProduct(product, quantity, `line-${i}`);
  });
  const cart: Cart = { lines };
  const total = priceCart(cart).totals.ttc;
  // Cash with change: the longest payment record a sale can carry.
  const payments: PaymentInput[] = [{ method: 'cash', amount: total, tendered: Math.ceil(total / 1000) * 1000 + 1000 }];
  return { db, coop, cart, payments };
}

/**
 * What the bare side writes: the records of a real sale, built once, with
 * fresh ids and numbers per sale. The writes are issued the way commitSale
 * issues them (one awaited call per record, same order), so the ratio shows
 * what the real path adds (reads, pricing, zod, hashing), not a different
 * write strategy: change both together.
 */
function bareWriter({ db, coop, cart, payments }: Side): () => Promise<void> {
  const at = nowIso();
  const priced = priceCart(cart);
  const template: Omit<Sale, 'id' | 'ticketNumber'> = {
    tillId: coop.tillId,
    type: 'sale',
    businessDay: businessDay(at, coop.timeZone),
    at,
    lines: priced.lines,
    payments: settlePayments(priced.totals.ttc, payments),
    totals: priced.totals,
  };
  const entryTemplate = nextEntry(undefined, { tillId: coop.tillId, type: 'sale', recordId: newId(), at, record: template });
  // Real-looking 64-hex strings, so entries have the size of real ones.
  const hashes = Array.from({ length: 64 }, (_, i) => nextEntry(undefined, { tillId: coop.tillId, type: 'sale', recordId: newId(), at, record: i }).hash);
  const key = ticketCounterKey(coop.tillId);
  const levels = new Map<string, number>();
  const tables = [db.sales, db.journal, db.counters, db.stockLevels, db.stockMovements, db.products];
  let ticketNumber = 0;
  let prevHash = entryTemplate.prevHash;

  return async () => {
    ticketNumber += 1;
    const sale: Sale = { ...template, id: newId(), ticketNumber };
    const hash = hashes[ticketNumber % hashes.length] ?? entryTemplate.hash;
    const entry: JournalEntry = { ...entryTemplate, seq: ticketNumber, recordId: sale.id, prevHash, hash };
    const movements: StockMovement[] = sale.lines.map((line) => ({
      id: newId(),
      productId: line.productId,
      delta: -line.quantity,
      reason: 'sale',
      refId: sale.id,
      at: sale.at,
    }));
    await db.transaction('rw', tables, async () => {
      await db.sales.add(sale);
      await db.journal.add(entry);
      await db.counters.put({ key, value: ticketNumber });
      for (const movement of movements) {
        await db.stockMovements.add(movement);
        const quantity = (levels.get(movement.productId) ?? 0) + movement.delta;
        levels.set(movement.productId, quantity);
        await db.stockLevels.put({ productId: movement.productId, quantity });
      }
    });
    prevHash = hash;
  };
}

function realWriter({ db, coop, cart, payments }: Side): () => Promise<void> {
  return async () => {
    await recordSale(db, coop, { cart, payments });
  };
}

async function timeEach(run: () => Promise<void>, count: number, into: number[]): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await run();
    into.push(performance.now() - start);
  }
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const totalMs = samples.reduce((a, b) => a + b, 0);
  return {
    medianMs: quantile(sorted, 0.5),
    p95Ms: quantile(sorted, 0.95),
    meanMs: totalMs / samples.length,
    totalMs,
    count: samples.length,
  };
}

/** Mean ms of one call, over enough calls that timer granularity does not matter. */
function perCall(count: number, run: () => unknown): number {
  const start = performance.now();
  for (let i = 0; i < count; i += 1) run();
  return (performance.now() - start) / count;
}

/** Where the real path spends its CPU, without IndexedDB in the way. */
function measureParts({ coop, cart, payments }: Side, count: number): BenchResult['partsMs'] {
  const at = nowIso();
  const draft = () => {
    const priced = priceCart(cart);
    return { priced, payments: settlePayments(priced.totals.ttc, payments) };
  };
  const { priced } = draft();
  const sale: Sale = {
    id: newId(),
    tillId: coop.tillId,
    ticketNumber: 1,
    type: 'sale',
    businessDay: businessDay(at, coop.timeZone),
    at,
    lines: priced.lines,
    payments: settlePayments(priced.totals.ttc, payments),
    totals: priced.totals,
  };
  const previous = nextEntry(undefined, { tillId: coop.tillId, type: 'sale', recordId: sale.id, at, record: sale });
  return {
    pricing: perCall(count, draft),
    businessDay: perCall(count, () => businessDay(nowIso(), coop.timeZone)),
    zodParse: perCall(count, () => saleSchema.parse({ ...sale })),
    hashing: perCall(count, () => nextEntry(previous, { tillId: coop.tillId, type: 'sale', recordId: sale.id, at, record: sale })),
  };
}

function positiveInt(value: string | null, fallback: number): number {
  const parsed = value === null ? Number.NaN : Number(value);
  return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export async function runBench(n: number, blockSize: number, warmup: number): Promise<BenchResult> {
  const real = await openSide('real');
  const bare = await openSide('bare');
  try {
    const recordReal = realWriter(real);
    const recordBare = bareWriter(bare);
    // JIT, Dexie's first-use paths and IndexedDB's first pages: not measured.
    await timeEach(recordReal, warmup, []);
    await timeEach(recordBare, warmup, []);

    const realMs: number[] = [];
    const bareMs: number[] = [];
    // ABBAAB…: neither side always runs right after the other's GC debt.
    for (let done = 0, block = 0; done < n; done += blockSize, block += 1) {
      const size = Math.min(blockSize, n - done);
      const pair: [() => Promise<void>, number[]][] = [
        [recordReal, realMs],
        [recordBare, bareMs],
      ];
      if (block % 2 === 1) pair.reverse();
      for (const [run, into] of pair) await timeEach(run, size, into);
    }

    const verifyRuns: number[] = [];
    let entries = 0;
    for (let i = 0; i < 3; i += 1) {
      const start = performance.now();
      const report = await verifyTillJournal(real.db, real.coop.tillId);
      verifyRuns.push(performance.now() - start);
      if (!report.ok) throw new Error(`journal does not verify: ${JSON.stringify(report.problem)}`);
      entries = report.entries;
    }
    if (entries !== n + warmup) throw new Error(`expected ${n + warmup} journal entries, found ${entries}`);
    const bareCount = await bare.db.sales.count();
    if (bareCount !== n + warmup) throw new Error(`expected ${n + warmup} bare sales, found ${bareCount}`);
    const verifyMs = stats(verifyRuns).medianMs;

    const realStats = stats(realMs);
    const bareStats = stats(bareMs);
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    return {
      n,
      warmup,
      blockSize,
      real: realStats,
      bare: bareStats,
      ratio: realStats.medianMs / bareStats.medianMs,
      ratioP95: realStats.p95Ms / bareStats.p95Ms,
      partsMs: measureParts(real, Math.max(200, n)),
      verify: { entries, ms: verifyMs, msPer1000: (verifyMs / entries) * 1000 },
      heapUsedMb: memory ? memory.usedJSHeapSize / 2 ** 20 : null,
      crossOriginIsolated: globalThis.crossOriginIsolated,
      userAgent: navigator.userAgent,
    };
  } finally {
    // The page may be opened on the app's own origin: leave no databases behind.
    for (const { db } of [real, bare]) {
      db.close();
      await Dexie.delete(db.name);
    }
  }
}

function show(result: BenchResult): void {
  const ms = (v: number) => v.toFixed(3);
  const rows: [string, string, string, string][] = [
    ['', 'median ms/sale', 'p95 ms/sale', 'mean ms/sale'],
    ['recordSale (real code)', ms(result.real.medianMs), ms(result.real.p95Ms), ms(result.real.meanMs)],
    ['bare Dexie transaction', ms(result.bare.medianMs), ms(result.bare.p95Ms), ms(result.bare.meanMs)],
    ['ratio real / bare', `${result.ratio.toFixed(2)}×`, `${result.ratioP95.toFixed(2)}×`, ''],
  ];
  const table = document.getElementById('results');
  if (table) {
    table.replaceChildren(
      ...rows.map((cells, r) => {
        const tr = document.createElement('tr');
        for (const text of cells) {
          const cell = document.createElement(r === 0 ? 'th' : 'td');
          cell.textContent = text;
          tr.append(cell);
        }
        return tr;
      }),
    );
  }
  const status = document.getElementById('status');
  if (status) {
    status.textContent =
      `${result.n} sales each (after ${result.warmup} warm-up), blocks of ${result.blockSize}. ` +
      `Verify: ${ms(result.verify.msPer1000)} ms per 1000 entries. Target ≤ 1.5×.`;
  }
}

type PhaseWindow = Window & { __benchResult?: unknown; __benchError?: string };

/**
 * One phase per page load (scripts/bench.mjs drives them): `sale` (the
 * default), `season` (build a size and time the day screens and the till),
 * `cold` (a page load of the App on that season), `cleanup`.
 */
async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const win = window as PhaseWindow;
  const status = document.getElementById('status');
  try {
    const phase = params.get('phase') ?? 'sale';
    const size = params.get('size') === 'L' ? 'L' : 'M';
    if (phase === 'sale') {
      const result = await runBench(positiveInt(params.get('n'), 600), positiveInt(params.get('block'), 100), positiveInt(params.get('warmup'), 30));
      show(result);
      win.__benchResult = result;
    } else {
      const season = await import('./season');
      if (phase === 'season') win.__benchResult = await season.runSeason(size, (text) => status && (status.textContent = text));
      else if (phase === 'cold') win.__benchResult = await season.runCold(size);
      else win.__benchResult = await season.cleanupSeason().then(() => ({ done: true }));
    }
  } catch (error) {
    const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    if (status) status.textContent = `Failed: ${message}`;
    win.__benchError = message;
  }
}

void main();
