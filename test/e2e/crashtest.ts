/**
 * Crash test (data-safety issue, "What it must show"): Debian Chromium
 * records sales in a loop against the built web host while the whole
 * browser (every process of it) is SIGKILLed at random moments, restarted
 * on the SAME profile directory each time. Afterwards: every sale whose
 * "Vente n° N" was on screen is in IndexedDB, ticket numbers have no gap,
 * and the journal verifies (shared/journal verifyJournal, run here in Node).
 *
 *   npm run build && npm run crashtest            (200 kills, about 9 minutes)
 *   CRASH_KILLS=20 npm run crashtest              (a quick look)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { verifyJournal } from '../../shared/journal';
import type { JournalEntry } from '../../shared/schemas';
import { CHROMIUM_ARGS, cleanup, startWebHost } from './harness';

const KILLS = Number(process.env['CRASH_KILLS'] ?? 200);
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const PRODUCT = 'Étoile de Noël wax';

type Running = { child: ChildProcess; browser: Browser; page: Page };

/** Starts Chromium ourselves (so we hold its process group to kill) and attaches over CDP. */
async function launch(profileDir: string, url: string): Promise<Running> {
  const child = spawn(CHROMIUM, [...CHROMIUM_ARGS, `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', '--window-size=1280,800', '--lang=fr-FR', url], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, TZ: 'Europe/Paris' },
  });
  const ws = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`chromium did not start:\n${output}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', () => reject(new Error(`chromium exited:\n${output}`)));
  });
  const browser = await chromium.connectOverCDP(ws);
  const context = browser.contexts()[0];
  if (!context) throw new Error('no browser context');
  let page = context.pages()[0];
  for (let i = 0; !page && i < 100; i += 1) {
    await new Promise((r) => setTimeout(r, 50));
    page = context.pages()[0];
  }
  if (!page) throw new Error('no page');
  return { child, browser, page };
}

function kill(running: Running): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (running.child.exitCode !== null || running.child.signalCode !== null) resolve();
    else running.child.once('exit', () => resolve());
  });
  try {
    if (running.child.pid) process.kill(-running.child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  return exited;
}

/** Sells one star for exact cash; returns the ticket number once "Vente n° N" is on screen. */
async function sellOne(page: Page): Promise<number> {
  await page.getByTestId(`tile-${PRODUCT}`).click();
  for (const id of ['pay-cash', 'cash-exact', 'pay-confirm']) await page.getByTestId(id).click();
  const title = await page.getByTestId('sale-done').locator('h2').textContent();
  const match = /n°\s*(\d+)/.exec(title ?? '');
  if (!match?.[1]) throw new Error(`no ticket number in ${String(title)}`);
  const number = Number(match[1]);
  await page.getByTestId('next-sale').click();
  await page.getByTestId('sale-done').waitFor({ state: 'detached' });
  return number;
}

type Dump = { sales: { id: string; tillId: string; ticketNumber: number }[]; journal: JournalEntry[]; tillId: string };

/**
 * Reads the stores with raw IndexedDB in the page. A string, not a function:
 * tsx (esbuild keepNames) would wrap a function with a `__name` helper the
 * page does not have.
 */
const READ_DATABASE = `(async () => {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open('etal');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error('open failed'));
  });
  const all = (store) => new Promise((resolve, reject) => {
    const req = db.transaction(store, 'readonly').objectStore(store).getAll();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error('read ' + store + ' failed'));
  });
  const [sales, journal, coop] = await Promise.all([all('sales'), all('journal'), all('coop')]);
  db.close();
  return { sales, journal, tillId: coop[0].tillId };
})()`;

async function readDatabase(page: Page): Promise<Dump> {
  return page.evaluate<Dump>(READ_DATABASE);
}

async function main(): Promise<void> {
  const started = Date.now();
  const host = await startWebHost();
  const profileDir = mkdtempSync(path.join(tmpdir(), 'etal-crash-profile-'));
  const confirmed = new Set<number>();
  let kills = 0;
  let failedStarts = 0;
  try {
    // The demo co-op, once, without a kill.
    let running = await launch(profileDir, host.url);
    await running.page.getByTestId('setup-demo').click();
    await running.page.getByTestId(`tile-${PRODUCT}`).waitFor();
    await running.browser.close().catch(() => undefined);
    await kill(running);

    while (kills < KILLS) {
      try {
        running = await launch(profileDir, host.url);
      } catch (error) {
        failedStarts += 1;
        console.warn('start failed', error);
        if (failedStarts > 20) throw error;
        continue;
      }
      const current = running;
      // Kill at a random moment: during start-up, mid-sale, mid-commit.
      const delay = 150 + Math.floor(Math.random() * 2500);
      const timer = setTimeout(() => void kill(current), delay);
      try {
        await current.page.getByTestId(`tile-${PRODUCT}`).waitFor({ timeout: 15_000 });
        for (;;) confirmed.add(await sellOne(current.page));
      } catch {
        // The kill (or anything it interrupted) ends this round.
      }
      clearTimeout(timer);
      await kill(current);
      kills += 1;
      if (kills % 20 === 0) console.log(`${kills} kills, ${confirmed.size} sales confirmed on screen`);
    }

    running = await launch(profileDir, host.url);
    await running.page.getByTestId(`tile-${PRODUCT}`).waitFor({ timeout: 15_000 });
    const dump = await readDatabase(running.page);
    await running.browser.close().catch(() => undefined);
    await kill(running);

    const numbers = dump.sales.map((s) => s.ticketNumber).sort((a, b) => a - b);
    const gapless = numbers.every((n, i) => n === i + 1);
    const missing = [...confirmed].filter((n) => !numbers.includes(n));
    const entries = dump.journal.filter((e) => e.tillId === dump.tillId).sort((a, b) => a.seq - b.seq);
    const report = verifyJournal(entries, new Map(dump.sales.map((s) => [s.id, s])));
    console.log(
      JSON.stringify(
        {
          kills,
          failedStarts,
          confirmedOnScreen: confirmed.size,
          storedSales: numbers.length,
          storedButNotSeen: numbers.length - confirmed.size,
          missingConfirmed: missing,
          gapless,
          journal: { ok: report.ok, entries: report.entries, problem: report.problem ?? null },
          minutes: Math.round((Date.now() - started) / 600) / 100,
        },
        null,
        2,
      ),
    );
    if (!gapless || missing.length > 0 || !report.ok || numbers.length === 0) process.exitCode = 1;
  } finally {
    await host.stop();
    cleanup(profileDir);
  }
}

await main();
