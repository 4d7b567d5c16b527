/**
 * The till on a small screen (issue #14, item 6), in Debian Chromium against
 * web mode: 1024 × 600 (small laptops and tablets at markets) and 1280 × 800
 * with the browser zoom at 125 % (a 1024 × 640 CSS viewport drawn at 1,25
 * device pixels per CSS pixel), and 1280 × 800 as it was. In each: the tab bar's labels apart and the
 * active tab whole, Réglages scrolling with a scrollbar, everything on the
 * till and the payment inside the window, the basket saying that more lines
 * are below, and every touch target at least 44 × 44 px.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, startWebHost, stopSession, textOf, type Browser, type WebHost } from './harness';
import { Till } from './pages';

type Box = { x: number; y: number; width: number; height: number };

const SIZES = [
  { name: '1280x800', width: 1280, height: 800, scale: 1 },
  { name: '1024x600', width: 1024, height: 600, scale: 1 },
  { name: '1280x800-zoom125', width: 1024, height: 640, scale: 1.25 },
] as const;

function tab(page: Page, name: string): Locator {
  return page.getByRole('navigation').getByRole('button', { name, exact: true });
}

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${locator.toString()} has no box (not visible)`);
  return b;
}

/** Inside the window, to the half pixel. */
function inside(b: Box, width: number, height: number): boolean {
  return b.x >= -0.5 && b.y >= -0.5 && b.x + b.width <= width + 0.5 && b.y + b.height <= height + 0.5;
}

/** Every visible button, field and tile of `scope` smaller than 44 × 44 CSS px. */
async function smallTargets(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const targets = root.querySelectorAll<HTMLElement>('button, input, select, summary, a[href], [role="button"]');
    return [...targets]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ el, r }) => `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
  });
}

describe.each(SIZES)('the till at $name', (size) => {
  let host: WebHost;
  let browser: Browser;
  let till: Till;
  let page: Page;

  beforeAll(async () => {
    host = await startWebHost();
    browser = await openBrowser(host.url, undefined, { showScrollbars: true, viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.scale });
    page = browser.page;
    expect(await page.evaluate(() => [window.innerWidth, window.innerHeight, window.devicePixelRatio])).toEqual([size.width, size.height, size.scale]);
    till = new Till(page);
    await page.getByRole('button', { name: /Charger la démo/ }).click();
    await page.getByTestId('tile-Guirlande wax 1 m').waitFor();
  });

  afterAll(async () => {
    await stopSession(host, browser);
  });

  it('keeps every tab label apart and the active tab whole, labels named for assistive technology', async () => {
    const tabs = page.getByRole('navigation').getByRole('button');
    const count = await tabs.count();
    expect(count).toBe(9);
    const boxes: Box[] = [];
    for (let i = 0; i < count; i += 1) boxes.push(await box(tabs.nth(i)));
    for (const [i, b] of boxes.entries()) {
      expect(inside(b, size.width, size.height), `tab ${i}`).toBe(true);
      const next = boxes[i + 1];
      if (next) expect(b.x + b.width <= next.x + 0.5, `tabs ${i} and ${i + 1} overlap`).toBe(true);
    }
    // Each label shown fits inside its own tab, so no two run together (a label kept for assistive technology only is 1 px).
    const overflowing = await page.locator('.tab-label').evaluateAll((labels) =>
      labels
        .filter((l) => l.getBoundingClientRect().width > 1)
        .filter((l) => {
          const label = l.getBoundingClientRect();
          const tab = l.parentElement?.getBoundingClientRect();
          return !tab || label.left < tab.left - 0.5 || label.right > tab.right + 0.5;
        })
        .map((l) => `${l.textContent} ${JSON.stringify(l.getBoundingClientRect())} in ${JSON.stringify(l.parentElement?.getBoundingClientRect())}`),
    );
    expect(overflowing).toEqual([]);
    for (const name of ['Caisse', 'Ventes', 'Clôture', 'Commandes', 'Produits', 'Stock', 'Membres', 'Partage', 'Réglages']) {
      expect(await tab(page, name).count(), name).toBe(1);
    }
    await tab(page, 'Réglages').click();
    const active = await box(page.locator('.tab-active'));
    const nav = await box(page.getByRole('navigation'));
    expect(active.x >= nav.x - 0.5 && active.x + active.width <= nav.x + nav.width + 0.5).toBe(true);
  });

  it('scrolls Réglages with a visible scrollbar, down to its last button', async () => {
    await tab(page, 'Réglages').click();
    await page.getByTestId('settings-printer').waitFor();
    await screenshot(page, `settings-${size.name}`);
    const scroller = await page.evaluate(() => {
      const el = document.scrollingElement ?? document.documentElement;
      return { scrollable: el.scrollHeight > el.clientHeight, scrollbar: window.innerWidth - el.clientWidth };
    });
    expect(scroller.scrollable).toBe(true);
    expect(scroller.scrollbar).toBeGreaterThan(0);
    const last = page.getByRole('main').getByRole('button').last();
    await last.scrollIntoViewIfNeeded();
    expect(inside(await box(last), size.width, size.height)).toBe(true);
  });

  it('shows the whole till, says the basket has more lines below, and every target is 44 × 44 px or more', async () => {
    await tab(page, 'Caisse').click();
    for (const name of ['Guirlande wax 1 m', 'Chouchou wax', 'Sac cabas wax', 'Trousse wax', 'Bandeau wax', 'Bracelet wax']) await till.tap(name);
    await screenshot(page, `till-${size.name}`);
    await page.getByTestId('cart-more').waitFor();
    expect(await textOf(page, 'cart-more')).toMatch(/^▼ \d+ lignes? de plus$/);
    for (const part of [page.getByTestId('cart-total'), page.getByTestId('pay-cash'), page.getByTestId('pay-card'), page.getByTestId('pay-split'), page.getByTestId('cart-more'), page.getByRole('searchbox')]) {
      expect(inside(await box(part), size.width, size.height), part.toString()).toBe(true);
    }
    expect(await smallTargets(page.locator('.shell'))).toEqual([]);
    await page.locator('.product-grid').evaluate((grid) => grid.scrollTo(0, 0));
    await screenshot(page, `till-${size.name}`);
    // Touching the hint brings the hidden lines into view.
    await page.getByTestId('cart-more').click();
    await expect.poll(() => page.getByTestId('cart-lines').evaluate((l) => l.scrollTop)).toBeGreaterThan(0);
  });

  it('keeps the quantity keypad and its OK inside the window', async () => {
    await till.tap('Guirlande wax au mètre');
    const dialog = page.getByRole('dialog');
    await screenshot(page, `quantity-${size.name}`);
    for (const part of [dialog.getByRole('button', { name: /OK/ }), page.getByTestId('qty-keypad')]) {
      expect(inside(await box(part), size.width, size.height), part.toString()).toBe(true);
    }
    expect(await smallTargets(dialog)).toEqual([]);
    await page.keyboard.type('2');
    await dialog.getByRole('button', { name: /OK/ }).click();
  });

  it('keeps the whole cash payment inside the window, keypad bottom row and Payé included', async () => {
    await page.getByTestId('pay-cash').click();
    const dialog = page.getByRole('dialog');
    await page.getByRole('button', { name: '100,00 €' }).click();
    await screenshot(page, `payment-${size.name}`);
    for (const part of [dialog.getByRole('button', { name: /Payé/ }), dialog.getByRole('button', { name: 'Effacer le dernier chiffre' }), dialog.getByRole('button', { name: '0', exact: true }), page.getByTestId('change-amount'), dialog.getByRole('button', { name: 'Montant exact' })]) {
      expect(inside(await box(part), size.width, size.height), part.toString()).toBe(true);
    }
    expect(await smallTargets(dialog)).toEqual([]);
    await dialog.getByRole('button', { name: /Payé/ }).click();
    const done = page.getByRole('dialog', { name: /Vente n° 1/ });
    await done.waitFor();
    for (const part of [done.getByRole('button', { name: /Vente suivante/ }), page.getByTestId('done-change')]) {
      expect(inside(await box(part), size.width, size.height), part.toString()).toBe(true);
    }
    await screenshot(page, `sale-done-${size.name}`);
    await till.nextSale();
  });
});
