/**
 * `npm run bench` day-screen figures (issue #20): a season-sized database
 * (M = 7 000 sales over 60 market days, L = 70 000 with `--season`), 2 000
 * products, every sale recorded through recordSale and every day but the
 * last closed through closeDay. Then, in the same run and against a bare
 * IndexedDB read of the rows each needs: opening the Z preview, one keystroke
 * in the cash count, closing the day, a tile tap on the till (until its line
 * is in the DOM) and a cold start of the real App to a usable till.
 *
 * The season lives in the database the App opens ('etal', on the bench's own
 * origin), so the cold start is a page load of the App on it; the last phase
 * deletes it.
 */
import { createRoot } from 'react-dom/client';
import { Dexie } from 'dexie';
import { lineFromProduct } from '../../shared/cart';
import { countTotal, DENOMINATIONS, shiftDay, withCount } from '../../shared/closing';
import type { Coop, Product } from '../../shared/schemas';
import { AppContext, BasketLinesProvider, type AppContextValue } from '../app-context';
import { loadDemo } from '../db/catalog';
import { closeDay, dayToClose, previewDayClosing } from '../db/closings';
import { appDb, type EtalDb } from '../db/db';
import { recordSale } from '../db/sales';
import { seedCatalogue } from '../db/testing';
import { initI18n } from '../i18n/i18n';
import { CheckoutScreen } from '../features/checkout/CheckoutScreen';
import '../ui/styles.css';

export const SIZES = { M: 7_000, L: 70_000 } as const;
export type Size = keyof typeof SIZES;
const DAYS = 60;
const PRODUCTS = 2_000;
const FIRST_DAY = '2026-03-02';
const TAPS = 60;

export type Timing = { medianMs: number; p95Ms: number; runs: number };
export type SeasonResult = {
  size: Size;
  sales: number;
  days: number;
  products: number;
  generateMs: number;
  dayRows: number;
  /** Bare IndexedDB getAll of the open day's sales through the businessDay index: the floor of the day's screens. */
  bareDayRead: Timing;
  /** Bare IndexedDB getAll of every sale: what the old Z read. */
  bareSeasonRead: Timing;
  zPreviewOpen: Timing;
  cashKeystroke: Timing;
  closeDay: Timing;
  tapToLine: Timing;
  heapPeakMb: number | null;
};

export type ColdResult = {
  size: Size;
  /** Navigation start → first product tile in the DOM, real App. */
  coldStartMs: number;
  /** Bare IndexedDB read of what the till shows at start (coop, members, products, stock levels). */
  bareTillReadMs: number;
  heapMb: number | null;
};

const memory = () => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
let heapPeak = 0;
const sampleHeap = () => {
  const used = memory()?.usedJSHeapSize;
  if (used !== undefined) heapPeak = Math.max(heapPeak, used);
};

function timing(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
  return { medianMs: at(0.5), p95Ms: at(0.95), runs: samples.length };
}

async function repeat(runs: number, run: () => unknown): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
    sampleHeap();
  }
  return timing(samples);
}

/** The raw IndexedDB API, no Dexie: the floor any of our reads can reach. */
function bareGetAll(name: string, store: string, index?: string, key?: IDBValidKey): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onerror = () => reject(open.error ?? new Error('open failed'));
    open.onsuccess = () => {
      const idb = open.result;
      const tx = idb.transaction(store, 'readonly');
      const source = index ? tx.objectStore(store).index(index) : tx.objectStore(store);
      const req = source.getAll(key);
      req.onsuccess = () => {
        idb.close();
        resolve((req.result as unknown[]).length);
      };
      req.onerror = () => reject(req.error ?? new Error('getAll failed'));
    };
  });
}

/** Records the season through the real sale and closing paths. */
async function generate(db: EtalDb, coop: Coop, size: Size, onProgress: (text: string) => void): Promise<{ products: Product[]; lastDay: string }> {
  const products = await seedCatalogue(db, PRODUCTS);
  const pieces = products.filter((p) => p.unit === 'piece');
  const perDay = Math.ceil(SIZES[size] / DAYS);
  let done = 0;
  let lastDay = FIRST_DAY;
  for (let d = 0; d < DAYS && done < SIZES[size]; d += 1) {
    const day = shiftDay(FIRST_DAY, d);
    lastDay = day;
    const start = Date.parse(`${day}T08:00:00.000Z`);
    for (let i = 0; i < perDay && done < SIZES[size]; i += 1, done += 1) {
      // Three lines, spread over the catalogue (about 3 lines per sale, as in the M and L).
      const lines = [0, 1, 2].map((k) => {
        const product = pieces[(done * 7 + k * 131) % pieces.length] as Product;
        return lineFromProduct(product, 1000 * (1 + ((done + k) % 3)), `l${k}`);
      });
      const at = new Date(start + i * 20_000).toISOString();
      const total = lines.reduce((a, l) => a + Math.round((l.unitPrice * l.quantity) / 1000), 0);
      await recordSale(db, coop, { cart: { lines }, payments: [{ method: done % 3 === 0 ? 'card' : 'cash', amount: total }], at });
    }
    const isLast = d === DAYS - 1 || done >= SIZES[size];
    if (!isLast) await closeDay(db, coop, { day, count: [], countedBy: 'Awa', at: `${day}T18:00:00.000Z` });
    onProgress(`${size}: ${done} sales, day ${d + 1}`);
    sampleHeap();
  }
  return { products, lastDay };
}

/** The till as the App mounts it, in a container of the bench page: a tap is timed until its line is in the DOM (React commits a click's update before yielding). */
async function measureTaps(db: EtalDb, coop: Coop, products: readonly Product[]): Promise<{ tapToLine: Timing }> {
  const members = await db.members.toArray();
  const context: AppContextValue = { db, coop, members, cashierId: undefined, setCashierId: () => undefined };
  const container = document.createElement('div');
  container.style.cssText = 'width:1280px;height:800px;overflow:hidden';
  document.body.append(container);
  const root = createRoot(container);
  root.render(
    <AppContext.Provider value={context}>
      <BasketLinesProvider>
        <CheckoutScreen />
      </BasketLinesProvider>
    </AppContext.Provider>,
  );
  const lines = () => container.querySelectorAll('.cart-line').length;
  for (let i = 0; i < 400 && container.querySelectorAll('.tile').length < products.length; i += 1) await new Promise((r) => setTimeout(r, 25));
  const tiles = [...container.querySelectorAll<HTMLButtonElement>('.tile')].filter((b) => !b.textContent?.includes(' / '));
  const toLine: number[] = [];
  for (let i = 0; i < TAPS; i += 1) {
    if (i % 10 === 0) {
      container.querySelector<HTMLButtonElement>('[data-testid="cart-clear"]')?.click();
      await new Promise((r) => setTimeout(r, 30));
    }
    const before = lines();
    const tile = tiles[(i * 37) % tiles.length];
    const start = performance.now();
    tile?.click();
    // The line is on screen once React has committed it: wait for it without sleeping.
    while (lines() === before) await new Promise<void>((r) => queueMicrotask(r));
    toLine.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 20));
    sampleHeap();
  }
  root.unmount();
  container.remove();
  // The first taps pay for the JIT and the first layout of the basket: not measured.
  return { tapToLine: timing(toLine.slice(5)) };
}

export async function runSeason(size: Size, onProgress: (text: string) => void): Promise<SeasonResult> {
  heapPeak = 0;
  await initI18n();
  const db = appDb();
  await db.delete();
  await db.open();
  const coop = await loadDemo(db);
  const started = performance.now();
  const { products, lastDay } = await generate(db, coop, size, onProgress);
  const generateMs = performance.now() - started;
  const sales = await db.sales.count();

  const bareDayRead = await repeat(5, () => bareGetAll(db.name, 'sales', 'businessDay', lastDay));
  const dayRows = await bareGetAll(db.name, 'sales', 'businessDay', lastDay);
  const bareSeasonRead = await repeat(3, () => bareGetAll(db.name, 'sales'));
  const at = `${lastDay}T17:00:00.000Z`;
  // What the closing screen does when it opens: find the day, then build its Z.
  const zPreviewOpen = await repeat(5, async () => previewDayClosing(db, coop, { day: await dayToClose(db, coop, at), count: [] }));
  const preview = await previewDayClosing(db, coop, { day: lastDay, count: [] });
  // One keystroke: the typed count laid over the day's figures (no database).
  let typed = 0;
  const cashKeystroke = await repeat(50, () => {
    typed += 1;
    const count = DENOMINATIONS.map((value, i) => ({ value, quantity: i === typed % DENOMINATIONS.length ? typed : 1 }));
    return withCount(preview, count).cash.difference + countTotal(count);
  });
  const { tapToLine } = await measureTaps(db, coop, products);
  const closeDayTiming = await repeat(1, () => closeDay(db, coop, { day: lastDay, count: [], countedBy: 'Awa', at: `${lastDay}T18:00:00.000Z` }));
  // The season stays in 'etal' for the cold start that follows (a page load of the App).
  db.close();
  return {
    size,
    sales,
    days: DAYS,
    products: PRODUCTS,
    generateMs,
    dayRows,
    bareDayRead,
    bareSeasonRead,
    zPreviewOpen,
    cashKeystroke,
    closeDay: closeDayTiming,
    tapToLine,
    heapPeakMb: memory() ? heapPeak / 2 ** 20 : null,
  };
}

/** A page load of the real App on the season left by runSeason: until the first tile is there. */
export async function runCold(size: Size): Promise<ColdResult> {
  await initI18n();
  const { App } = await import('../App');
  const container = document.createElement('div');
  container.id = 'root';
  document.body.replaceChildren(container);
  createRoot(container).render(<App />);
  for (let i = 0; i < 2000 && !container.querySelector('.tile'); i += 1) await new Promise((r) => setTimeout(r, 5));
  const coldStartMs = performance.now();
  if (!container.querySelector('.tile')) throw new Error('the till did not show its tiles');
  const name = appDb().name;
  const start = performance.now();
  await Promise.all(['coop', 'members', 'products', 'stockLevels'].map((store) => bareGetAll(name, store)));
  const bareTillReadMs = performance.now() - start;
  return { size, coldStartMs, bareTillReadMs, heapMb: memory() ? (memory()?.usedJSHeapSize ?? 0) / 2 ** 20 : null };
}

export async function cleanupSeason(): Promise<void> {
  appDb().close();
  await Dexie.delete(appDb().name);
}
