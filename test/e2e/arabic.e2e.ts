/**
 * Étal in Arabic, end to end in Chromium: the switch turns the whole page
 * right to left (<html dir="rtl" lang="ar">), a sale is made with the Arabic
 * screens, amounts keep the French way of writing ("42,00 €", the euro sign
 * to the right of the digits even inside right-to-left text), no screen shows
 * a raw message key, and the switch goes back to French.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, screenshot, startWebHost, stopSession, textOf, type WebHost } from './harness';
import { OrdersPage, parisDay } from './orders-pages';
import { Till } from './pages';

/** Bidi isolates and marks the Arabic messages put around values: invisible, stripped to read the text. */
const ISOLATES = /[\u200e\u200f\u2066-\u2069]/g;
const ARABIC = /[\u0600-\u06ff]/;
/** A message key shown as is (i18next's answer when a key has no text): "checkout.pay", "err.amount"… */
const RAW_KEY =
  /\b(?:common|nav|units|methods|crash|err|checkout|closing|history|events|costing|catalog|settings|setup|stock|printing|backup|orders|payout)\.[a-zA-Z][\w-]*(?:\.[\w-]+)*/;

async function read(page: Page, testId: string): Promise<string> {
  return (await textOf(page, testId)).replace(ISOLATES, '');
}

/**
 * Where the euro sign of an amount is drawn compared with its first digit:
 * 'right' when the amount reads "42,00 €" on screen, 'left' when the bidi
 * algorithm turned it into "€ 42,00".
 */
async function euroSide(target: Locator): Promise<'left' | 'right'> {
  return target.evaluate((element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const box = (node: Text, index: number) => {
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + 1);
      return range.getBoundingClientRect();
    };
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const text = node.data;
      const euro = text.indexOf('€');
      const digit = text.search(/\d/);
      if (euro >= 0 && digit >= 0 && digit < euro) return box(node, euro).left > box(node, digit).left ? 'right' : 'left';
    }
    throw new Error(`no amount in ${element.textContent ?? ''}`);
  });
}

/**
 * Known places where an amount is glued to Arabic words in the TSX itself
 * (not through a message), which only a <bdi> there can fix: listed in the
 * Arabic helper's report for the screens' owners.
 */
const PENDING_TSX: string[] = [];

/**
 * Every amount or rate on screen ("42,00 €", "20 %", alone or inside a
 * sentence) that is drawn the wrong way round: the sign on the left of its
 * digits ("€ 42,00"). Throws if the screen shows none, so the check cannot
 * pass by looking at nothing.
 */
async function flippedAmounts(page: Page): Promise<string[]> {
  return page.evaluate((pending) => {
    const flipped: string[] = [];
    let checked = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const text = node;
      const element = text.parentElement;
      if (!element || element.getClientRects().length === 0) continue;
      if (pending.some((name) => element.closest(`.${name}`))) continue;
      const box = (index: number) => {
        const range = document.createRange();
        range.setStart(text, index);
        range.setEnd(text, index + 1);
        return range.getBoundingClientRect();
      };
      for (const match of text.data.matchAll(/\d[\u00a0\u202f ](€|%)/g)) {
        const digit = box(match.index);
        const sign = box(match.index + 2);
        if (digit.width === 0 || Math.abs(digit.top - sign.top) > 4) continue;
        checked += 1;
        if (sign.left < digit.left) flipped.push(`${element.tagName}.${element.className} "${text.data}"`);
      }
    }
    return checked > 0 ? flipped : ['no amount on screen'];
  }, PENDING_TSX);
}

async function expectNoRawKeys(page: Page, where: string): Promise<void> {
  const text = (await page.locator('body').innerText()).replace(ISOLATES, '');
  expect(text.match(RAW_KEY)?.[0], `raw key on ${where}`).toBeUndefined();
  expect(ARABIC.test(text), `Arabic words on ${where}`).toBe(true);
}

describe('Étal in Arabic (right to left)', () => {
  let host: WebHost;
  let browser: Browser;
  let till: Till;
  const page = () => browser.page;

  beforeAll(async () => {
    host = await startWebHost();
    browser = await openBrowser(host.url);
    till = new Till(browser.page);
    await till.loadDemo();
  });

  afterAll(async () => {
    await stopSession(host, browser);
  });

  it('switches the whole page to Arabic, right to left', async () => {
    const html = page().locator('html');
    expect(await html.getAttribute('dir')).toBe('ltr');
    await page().getByTestId('lang-ar').click();
    await expect.poll(() => html.getAttribute('dir')).toBe('rtl');
    expect(await html.getAttribute('lang')).toBe('ar');
    expect(await page().getByTestId('lang-ar').textContent()).toBe('العربية');
    expect(await read(page(), 'tab-checkout')).toContain('الصندوق');
    // Mirrored: the tabs start on the right, the cart sits on the left of the products.
    const first = await page().getByTestId('tab-checkout').boundingBox();
    const last = await page().getByTestId('tab-settings').boundingBox();
    expect(first!.x).toBeGreaterThan(last!.x);
    // The nine tabs and the three languages still fit one line at 1280 px.
    const tops = await page().locator('[data-testid^="tab-"], [data-testid^="lang-"]').evaluateAll((all) => all.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(tops.length).toBe(12);
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(20);
  });

  it('sells 2 garlands and 1,5 m of garland for 50 € cash, 8,00 € given back, in Arabic', async () => {
    await till.tap('Guirlande wax 1 m', 2);
    await till.tapMetres('Guirlande wax au mètre', '1,5');
    expect(await till.total()).toBe('42,00 €');
    expect(await euroSide(page().getByTestId('cart-total'))).toBe('right');
    // Prices on the tiles and the cart lines' totals too.
    expect(await flippedAmounts(page())).toEqual([]);
    await page().locator('.product-grid').evaluate((grid) => grid.scrollTo(0, 0));
    await screenshot(page(), 'arabic-till');

    await page().getByTestId('pay-cash').click();
    await till.keypad('cash-keypad', '50');
    expect(await read(page(), 'change-amount')).toBe('8,00 €');
    expect(await euroSide(page().getByTestId('change-amount'))).toBe('right');
    expect(await flippedAmounts(page())).toEqual([]);
    // The keypad keeps the calculator's order: 7 on the left of 9.
    const seven = await page().getByTestId('cash-keypad').getByTestId('key-7').boundingBox();
    const nine = await page().getByTestId('cash-keypad').getByTestId('key-9').boundingBox();
    expect(seven!.x).toBeLessThan(nine!.x);
    await screenshot(page(), 'arabic-payment');
    await page().getByTestId('pay-confirm').click();

    const done = await read(page(), 'sale-done');
    expect(done).toContain('تم تسجيل بيعة بمبلغ 42,00 €');
    expect(await read(page(), 'done-change')).toBe('8,00 €');
    // The amount inside the Arabic sentence still reads "42,00 €".
    expect(await euroSide(page().getByTestId('sale-done').locator('.done-saved'))).toBe('right');
    expect(await flippedAmounts(page())).toEqual([]);
    await screenshot(page(), 'arabic-sale-done');
    await till.nextSale();
    expect(await page().getByTestId('cart-empty').isVisible()).toBe(true);
    await expectNoRawKeys(page(), 'the till');
  });

  it('shows the day in the sales history', async () => {
    await till.open('history');
    await page().getByText('بيعة واحدة').first().waitFor();
    await expectNoRawKeys(page(), 'the sales history');
    expect(await read(page(), 'day-total')).toBe('42,00 €');
    expect(await flippedAmounts(page())).toEqual([]);
    await screenshot(page(), 'arabic-history');
  });

  it('shows the closing screen in Arabic', async () => {
    await till.open('closing');
    await page().getByTestId('fund-input').waitFor();
    await expectNoRawKeys(page(), 'the closing screen');
    await screenshot(page(), 'arabic-closing');
    await page().getByTestId('fund-input').fill('100');
    await page().getByTestId('fund-open').click();
    await page().getByTestId('fund-amount').waitFor();
    expect((await read(page(), 'fund-amount')).replace(/\s+/g, ' ')).toContain('100,00 €');
    await page().getByTestId('count-total').scrollIntoViewIfNeeded();
    expect(await read(page(), 'cash-expected')).toBe('142,00 €');
    expect(await euroSide(page().getByTestId('cash-difference'))).toBe('right');
    expect(await flippedAmounts(page())).toEqual([]);
    await screenshot(page(), 'arabic-closing-count');
  });

  it('shows the orders board and an order in Arabic', async () => {
    const orders = new OrdersPage(page());
    await orders.openBoard();
    await page().getByTestId('order-new').click();
    await orders.newCustomer({ name: 'Mairie du 18e', organisation: 'Ville de Paris' });
    await orders.addProduct('Sac cabas wax', '12');
    await orders.setDue(parisDay(10));
    await screenshot(page(), 'arabic-order-form');
    const number = await orders.save();
    await expectNoRawKeys(page(), 'the order page');
    expect(await flippedAmounts(page())).toEqual([]);
    await screenshot(page(), 'arabic-order');
    await orders.openBoard();
    await expectNoRawKeys(page(), 'the orders board');
    expect(await read(page(), `order-remaining-${number}`)).toContain('الباقي للدفع: 300,00 €');
    expect(await euroSide(page().getByTestId(`order-remaining-${number}`))).toBe('right');
    await screenshot(page(), 'arabic-orders-board');
  });

  it('shows the Partage screen in Arabic', async () => {
    await page().getByTestId('tab-payout').click();
    await page().getByTestId('payout-screen').waitFor();
    await page().getByTestId('payout-compare').waitFor();
    await expectNoRawKeys(page(), 'the Partage screen');
    expect(await flippedAmounts(page())).toEqual([]);
    await screenshot(page(), 'arabic-payout');
  });

  it('shows the products, stock, members and settings screens without raw keys', async () => {
    for (const tab of ['products', 'stock', 'members', 'settings'] as const) {
      await till.open(tab);
      await page().waitForTimeout(300);
      await expectNoRawKeys(page(), tab);
      if (tab === 'products' || tab === 'settings') expect(await flippedAmounts(page())).toEqual([]);
      await screenshot(page(), `arabic-${tab}`);
    }
  });

  it('goes back to French, left to right', async () => {
    await page().getByTestId('lang-fr').click();
    const html = page().locator('html');
    await expect.poll(() => html.getAttribute('dir')).toBe('ltr');
    expect(await html.getAttribute('lang')).toBe('fr');
    expect(await textOf(page(), 'tab-checkout')).toContain('Caisse');
    await till.open('checkout');
    await till.tap('Étoile de Noël wax');
    for (const id of ['pay-cash', 'cash-exact', 'pay-confirm']) await page().getByTestId(id).click();
    expect(await textOf(page(), 'sale-done')).toContain('Vente de 6,00 € enregistrée');
    await till.nextSale();
  });
});
