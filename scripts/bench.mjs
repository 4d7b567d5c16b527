// `npm run bench [-- --n 600] [-- --season]`: opens the built bench page (renderer/bench) in
// Debian Chromium and prints what it measured: the sale path, then the day
// screens, the till and a cold start on a season-sized database (M = 7 000
// sales; L = 70 000 too with --season, a few minutes more). It reports the ratio against
// its target but never fails on it (machines differ); it fails on errors.
//
// A tiny static server of its own rather than the web host: the bench needs
// no bridge, and cross-origin isolation headers give it 5 µs timers instead
// of 100 µs ones.
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
// Built on its own (`vite build --mode bench`): never in dist/renderer, which the web host serves and the installers pack.
const distDir = path.join(root, 'dist/bench');
const TARGET = 1.5;
const TIMEOUT_MS = 180_000;
// Building L (70 000 sales through recordSale) takes minutes on a 2-core laptop.
const SEASON_TIMEOUT_MS = 20 * 60_000;
// Issue #20's targets, for the verdicts printed beside the figures.
const TAP_TARGET_MS = 16;
const COLD_TARGET_MS = 1500;
const COLD_RUNS = 3;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  // performance.memory is otherwise rounded into coarse buckets.
  '--enable-precise-memory-info',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : process.env[`BENCH_${name.toUpperCase()}`];
  return value ?? fallback;
}

function serve(dir) {
  const server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      // Chromium asks for it unprompted; a 404 would be logged as a page error.
      if (pathname === '/favicon.ico') return void res.writeHead(204).end();
      const file = path.join(dir, path.normalize(decodeURIComponent(pathname)));
      if (!file.startsWith(dir + path.sep) || !(await stat(file)).isFile()) throw new Error('not found');
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function report(r) {
  const ms = (v) => v.toFixed(3).padStart(9);
  const row = (label, ...cells) => console.log(`${label.padEnd(34)}${cells.join('  ')}`);
  console.log(`\nÉtal bench — ${r.n} paid 3-line sales per side (after ${r.warmup} warm-up), alternating blocks of ${r.blockSize}`);
  console.log(`${r.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? r.userAgent}, timers ${r.crossOriginIsolated ? '5 µs' : '100 µs'}\n`);
  row('', '   median', '      p95', '     mean', '  (ms per sale)');
  row('recordSale (real code)', ms(r.real.medianMs), ms(r.real.p95Ms), ms(r.real.meanMs));
  row('bare Dexie transaction', ms(r.bare.medianMs), ms(r.bare.p95Ms), ms(r.bare.meanMs));
  row('ratio real / bare', `${r.ratio.toFixed(2)}×`.padStart(9), `${r.ratioP95.toFixed(2)}×`.padStart(9));
  console.log('\nCPU parts of the real path, per sale (outside IndexedDB):');
  row('  pricing + payments', ms(r.partsMs.pricing));
  row('  business day (Intl, time zone)', ms(r.partsMs.businessDay));
  row('  zod parse of the sale', ms(r.partsMs.zodParse));
  row('  canonical JSON + 2 × SHA-256', ms(r.partsMs.hashing));
  console.log(`\nverify journal: ${r.verify.ms.toFixed(1)} ms for ${r.verify.entries} entries = ${r.verify.msPer1000.toFixed(1)} ms per 1000 entries`);
  console.log(`JS heap used: ${r.heapUsedMb === null ? 'n/a' : `${r.heapUsedMb.toFixed(1)} MB`}`);
  const verdict = r.ratio <= TARGET ? 'within target' : 'ABOVE TARGET';
  console.log(`\nrecord sale (real code) vs bare Dexie transaction: ${r.ratio.toFixed(2)}× (target ≤ ${TARGET}×, ${verdict})`);
}

function reportSeason(r, colds) {
  const ms = (v) => v.toFixed(v < 0.01 ? 4 : v < 10 ? 3 : 1).padStart(10);
  const x = (v, floor) => `${(v / floor).toFixed(2)}×`.padStart(9);
  const floor = r.bareDayRead.medianMs;
  const cold = [...colds].sort((a, b) => a.coldStartMs - b.coldStartMs)[Math.floor(colds.length / 2)];
  const row = (label, value, ratio, note = '') => console.log(`${label.padEnd(40)}${value}${ratio}  ${note}`);
  console.log(`\n${r.size}: ${r.sales} sales over ${r.days} market days (${r.days - 1} Zs), ${r.products} products; built in ${(r.generateMs / 1000).toFixed(1)} s`);
  console.log(`the open day holds ${r.dayRows} sales\n`);
  row('', '        ms', '  × floor', '(floor: bare IndexedDB getAll of the day\'s sales)');
  row('bare read of the day\'s sales (floor)', ms(floor), x(floor, floor));
  row('bare read of every sale (old Z\'s read)', ms(r.bareSeasonRead.medianMs), x(r.bareSeasonRead.medianMs, floor));
  row('Clôture opens (day to close + Z preview)', ms(r.zPreviewOpen.medianMs), x(r.zPreviewOpen.medianMs, floor), `median of ${r.zPreviewOpen.runs}`);
  row('one keystroke in the cash count', ms(r.cashKeystroke.medianMs), x(r.cashKeystroke.medianMs, floor), 'no database read');
  row('close the day → Z', ms(r.closeDay.medianMs), x(r.closeDay.medianMs, floor), 'one run');
  const tap = r.tapToLine.p95Ms;
  row('tap a tile → basket line, p95', ms(tap), x(tap, floor), `${r.tapToLine.runs} taps, target < ${TAP_TARGET_MS} ms: ${tap < TAP_TARGET_MS ? 'within' : 'ABOVE'}`);
  row('cold start → till usable (median)', ms(cold.coldStartMs), x(cold.coldStartMs, cold.bareTillReadMs), `× bare read of coop+members+products+levels (${cold.bareTillReadMs.toFixed(1)} ms); target < ${COLD_TARGET_MS} ms: ${cold.coldStartMs < COLD_TARGET_MS ? 'within' : 'ABOVE'}`);
  console.log(`  cold starts: ${colds.map((c) => c.coldStartMs.toFixed(0)).join(', ')} ms`);
  console.log(`JS heap peak while building and measuring: ${r.heapPeakMb === null ? 'n/a' : `${r.heapPeakMb.toFixed(1)} MB`}; after a cold start: ${cold.heapMb === null ? 'n/a' : `${cold.heapMb.toFixed(1)} MB`}`);
}

async function main() {
  try {
    await stat(path.join(distDir, 'bench/bench.html'));
  } catch {
    throw new Error('dist/bench/bench/bench.html is missing: run `npx vite build --mode bench` (or `npm run bench`, which builds) first');
  }
  const query = new URLSearchParams({ n: option('n', '600'), block: option('block', '100'), warmup: option('warmup', '30') });
  const server = await serve(distDir);
  const profileDir = mkdtempSync(path.join(tmpdir(), 'etal-bench-profile-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const { port } = server.address();
    const phase = async (params, timeout) => {
      await page.goto(`http://127.0.0.1:${port}/bench/bench.html?${new URLSearchParams(params)}`);
      await page.waitForFunction(() => window.__benchResult ?? window.__benchError, null, { timeout, polling: 250 });
      const { result, error } = await page.evaluate(() => ({ result: window.__benchResult, error: window.__benchError }));
      if (error) throw new Error(`the bench page failed: ${error}`);
      if (pageErrors.length) throw new Error(`errors in the bench page:\n${pageErrors.join('\n')}`);
      return result;
    };
    console.error(`Running the bench in Chromium (${query.get('n')} sales per side)…`);
    report(await phase(Object.fromEntries(query), TIMEOUT_MS));
    const sizes = process.argv.includes('--season') || process.env.BENCH_SEASON ? ['M', 'L'] : ['M'];
    try {
      for (const size of sizes) {
        console.error(`Building the ${size} season through recordSale and closeDay…`);
        const season = await phase({ phase: 'season', size }, SEASON_TIMEOUT_MS);
        const colds = [];
        for (let i = 0; i < COLD_RUNS; i += 1) colds.push(await phase({ phase: 'cold', size }, TIMEOUT_MS));
        reportSeason(season, colds);
      }
    } finally {
      await phase({ phase: 'cleanup' }, TIMEOUT_MS).catch((e) => console.error(`cleanup: ${e.message}`));
    }
  } finally {
    await context?.close();
    server.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
