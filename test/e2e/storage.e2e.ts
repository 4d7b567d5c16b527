/**
 * Storage is watched: with the browser's estimate made low (an init script
 * stands in for navigator.storage), the till warns with what to do, at start
 * and after a Z; Réglages shows the figures and whether the data is protected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, startWebHost, stopSession, type Browser, type WebHost } from './harness';

const MB = 1024 * 1024;

/** `grant`: whether persist() is granted (a browser decides on its own; at start it refuses here). */
type FakeStorage = { usage: number; quota: number; persisted: boolean; grant: boolean };

/** Replaces the estimate and the persistence answers with the ones kept in sessionStorage (so they survive a reload). */
function fakeStorage(initial: FakeStorage) {
  const key = 'test.storage';
  const read = (): FakeStorage => ({ ...initial, ...(JSON.parse(sessionStorage.getItem(key) ?? '{}') as Partial<FakeStorage>) });
  const storage = navigator.storage;
  Object.defineProperty(storage, 'estimate', { value: () => Promise.resolve({ usage: read().usage, quota: read().quota }) });
  Object.defineProperty(storage, 'persisted', { value: () => Promise.resolve(read().persisted) });
  Object.defineProperty(storage, 'persist', {
    value: () => {
      const now = read();
      sessionStorage.setItem(key, JSON.stringify({ ...now, persisted: now.persisted || now.grant }));
      return Promise.resolve(now.persisted || now.grant);
    },
  });
}

/** What the fake storage answers from now on. */
async function setStorage(page: Page, figures: Partial<FakeStorage>): Promise<void> {
  await page.evaluate((f) => {
    sessionStorage.setItem('test.storage', JSON.stringify({ ...(JSON.parse(sessionStorage.getItem('test.storage') ?? '{}') as object), ...f }));
  }, figures);
}

const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

let host: WebHost | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  host = await startWebHost();
  browser = await openBrowser(host.url);
});

afterAll(async () => {
  await stopSession(host, browser);
});

describe('storage running short', () => {
  it('warns on the till at start, stays quiet with room, warns again after a Z, and Réglages says whether the data is protected', async () => {
    if (!browser) throw new Error('no browser');
    const { page, context } = browser;
    const tab = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });
    // 9 800 MB used of 10 000 MB: 200 MB is 2 %. The start's persist() is refused.
    await context.addInitScript(fakeStorage, { usage: 9800 * MB, quota: 10000 * MB, persisted: false, grant: false });
    await page.reload();
    await page.getByRole('button', { name: /Charger la démo/ }).click();
    await page.getByTestId('tile-Guirlande wax 1 m').waitFor();

    const warning = page.getByTestId('storage-warning');
    // The first check ran before the demo existed; the till shows it as soon as it is up.
    await warning.waitFor();
    const text = plain(await warning.textContent());
    expect(text).toContain('Place presque pleine : 200 Mo libres (2 %).');
    expect(text).toContain('Exportez l’archive et faites une sauvegarde, puis libérez de la place');
    await screenshot(page, 'storage-warning-till');

    // Room again (after a clean-up): a reload measures again and the warning is gone.
    await setStorage(page, { usage: 500 * MB });
    await page.reload();
    await page.getByTestId('tile-Guirlande wax 1 m').waitFor();
    await tab('Réglages').click();
    await expect.poll(async () => plain(await page.getByTestId('storage-usage').textContent())).toContain('500 Mo sur 10 000 Mo permis (95 % libres)');
    await tab('Caisse').click();
    expect(await page.getByTestId('storage-warning').count()).toBe(0);

    // A day closes while the disk fills: the Z measures again and the till warns.
    await setStorage(page, { usage: 9900 * MB });
    await tab('Clôture').click();
    await page.getByLabel('Compté par').selectOption({ index: 1 });
    await page.getByRole('button', { name: /Clôturer la journée/ }).click();
    await page.getByRole('button', { name: /Oui, clôturer/ }).click();
    await page.getByTestId('z-report').waitFor();
    await tab('Caisse').click();
    await expect.poll(async () => plain(await page.getByTestId('storage-warning').textContent())).toContain('100 Mo libres (1 %)');

    // Réglages: the figures, the same advice, and the data not protected until asked.
    await tab('Réglages').click();
    const section = page.getByTestId('settings-storage');
    await section.getByTestId('storage-settings-low').waitFor();
    expect(await section.getByTestId('storage-persisted').textContent()).toContain('Données non protégées');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'storage-settings-not-protected');
    await setStorage(page, { grant: true });
    await section.getByRole('button', { name: /Demander la protection/ }).click();
    await expect.poll(() => section.getByTestId('storage-persisted').textContent()).toContain('Données protégées');
    expect(await section.getByRole('button', { name: /Demander la protection/ }).count()).toBe(0);
  });
});
