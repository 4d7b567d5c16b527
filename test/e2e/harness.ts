/**
 * Starts Étal in web mode (the built host, as `npm run web` does) and Debian
 * Chromium on a persistent profile, so a test can reload or restart the
 * browser and find the same IndexedDB, as on a real till.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test/e2e/screenshots');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export type WebHost = { url: string; dataDir: string; stop: () => Promise<void> };

export async function startWebHost(): Promise<WebHost> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'etal-e2e-data-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist-electron/web.mjs'), '--port', '0'], {
    env: { ...process.env, ETAL_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`web host exited with ${String(code)}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Browser = { context: BrowserContext; page: Page; profileDir: string; close: () => Promise<void> };

export type BrowserOptions = {
  /** Draw scrollbars as a person sees them (Playwright hides them in headless Chromium). */
  showScrollbars?: boolean;
  /** CSS pixels; 1280 × 800 unless told. */
  viewport?: { width: number; height: number };
  /** Device pixels per CSS pixel: 1,25 is a browser zoom of 125 %. */
  deviceScaleFactor?: number;
};

export async function openBrowser(url: string, profileDir = mkdtempSync(path.join(tmpdir(), 'etal-e2e-profile-')), options: BrowserOptions = {}): Promise<Browser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    ...(options.showScrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.deviceScaleFactor ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return {
    context,
    page,
    profileDir,
    close: async () => {
      await context.close();
      if (errors.length) console.warn('page errors:', errors);
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Text as a person reads it: the no-break spaces of French formatting become plain spaces. */
export async function textOf(page: Page, testId: string): Promise<string> {
  const text = await page.getByTestId(testId).first().textContent({ timeout: 10_000 });
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
}

/** Closes the browser and the web host a test file opened (either may be missing if start-up failed) and removes the profile. */
export async function stopSession(host: WebHost | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await host?.stop();
  if (browser) cleanup(browser.profileDir);
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
