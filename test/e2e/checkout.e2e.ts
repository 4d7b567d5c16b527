/**
 * A new user's first evening, in Debian Chromium against web mode: demo
 * co-op, a cash sale with change, a split payment, a reload mid-sale (the
 * basket comes back), a cancellation, the journal check (and what a
 * tampered database looks like), and the language switch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, screenshot, startWebHost, stopSession, textOf, type WebHost } from './harness';
import { Till } from './pages';

describe('stall checkout, end to end', () => {
  let host: WebHost;
  let browser: Browser;
  let till: Till;

  beforeAll(async () => {
    host = await startWebHost();
    browser = await openBrowser(host.url);
    till = new Till(browser.page);
  });

  afterAll(async () => {
    await stopSession(host, browser);
  });

  it('starts on the first-run screen and loads the demo co-op', async () => {
    await browser.page.getByTestId('setup-demo').waitFor();
    await screenshot(browser.page, 'first-run');
    await till.loadDemo();
    expect(await browser.page.locator('.tile').count()).toBeGreaterThanOrEqual(12);
  });

  it('sells 2 garlands and 1,5 m of garland for cash, 50 € tendered, 8,00 € change', async () => {
    await till.tap('Guirlande wax 1 m', 2);
    await till.tapMetres('Guirlande wax au mètre', '1,5');
    expect(await textOf(browser.page, 'cart-line-Guirlande wax 1 m')).toContain('2 pièces × 12,00 €');
    expect(await textOf(browser.page, 'cart-line-Guirlande wax au mètre')).toContain('1,5 m × 12,00 €');
    expect(await till.total()).toBe('42,00 €');
    // Tapping scrolled the grid; show the stall as it looks when one arrives.
    await browser.page.locator('.product-grid').evaluate((grid) => grid.scrollTo(0, 0));
    await screenshot(browser.page, 'till');

    await browser.page.getByTestId('pay-cash').click();
    await till.keypad('cash-keypad', '50');
    expect(await textOf(browser.page, 'change-amount')).toBe('8,00 €');
    await screenshot(browser.page, 'payment-cash');
    await browser.page.getByTestId('pay-confirm').click();
    expect(await textOf(browser.page, 'done-change')).toBe('8,00 €');
    await screenshot(browser.page, 'sale-done');
    await till.nextSale();
    expect(await browser.page.getByTestId('cart-empty').isVisible()).toBe(true);
  });

  it('takes a one-item exact-cash sale in three taps after the tile', async () => {
    await till.tap('Étoile de Noël wax');
    const taps = ['pay-cash', 'cash-exact', 'pay-confirm'];
    for (const id of taps) await browser.page.getByTestId(id).click();
    expect(await textOf(browser.page, 'sale-done')).toContain('Vente de 6,00 € enregistrée');
    expect(await textOf(browser.page, 'done-change')).toBe('0,00 €');
    await till.nextSale();
  });

  it('refuses to take less cash than due', async () => {
    await till.tap('Chouchou wax');
    await browser.page.getByTestId('pay-cash').click();
    await till.keypad('cash-keypad', '2');
    expect(await textOf(browser.page, 'cash-missing')).toBe('Il manque 2,00 €');
    expect(await browser.page.getByTestId('pay-confirm').isDisabled()).toBe(true);
    await browser.page.getByTestId('dialog-close').click();
    await browser.page.getByTestId('cart-clear').click();
  });

  it('splits a payment between card and cash', async () => {
    await till.tap('Sac cabas wax');
    await till.tap('Chouchou wax');
    expect(await till.total()).toBe('29,00 €');
    await browser.page.getByTestId('pay-split').click();
    await browser.page.getByTestId('split-card').click();
    // The amount is pre-filled with what is left: clear it and type 20.
    for (let i = 0; i < 6; i += 1) await browser.page.getByTestId('split-keypad').getByTestId('key-back').click();
    await till.keypad('split-keypad', '20');
    await browser.page.getByTestId('split-add').click();
    expect(await textOf(browser.page, 'due-amount')).toBe('9,00 €');
    await browser.page.getByTestId('split-cash').click();
    await browser.page.getByTestId('cash-note-10').click();
    expect(await textOf(browser.page, 'change-amount')).toBe('1,00 €');
    await screenshot(browser.page, 'payment-split');
    await browser.page.getByTestId('pay-confirm').click();
    expect(await textOf(browser.page, 'sale-done')).toContain('Carte 20,00 €');
    expect(await textOf(browser.page, 'done-change')).toBe('1,00 €');
    await till.nextSale();
  });

  it('keeps the basket while the seller looks at another tab', async () => {
    await till.tap('Chouchou wax', 2);
    await till.open('history');
    await till.open('checkout');
    expect(await till.total()).toBe('8,00 €');
    await browser.page.getByTestId('cart-clear').click();
  });

  it('keeps every paid sale across a reload, and the unpaid basket too', async () => {
    await till.tap('Trousse wax');
    await browser.page.reload();
    await browser.page.getByTestId('tile-Trousse wax').waitFor();
    expect(await till.total()).toBe('12,00 €');
    await browser.page.getByRole('button', { name: /Vider/ }).click();
    await till.open('history');
    await browser.page.getByTestId('sale-3').waitFor();
    expect(await browser.page.getByTestId('sales-list').locator('li').count()).toBe(3);
    expect(await textOf(browser.page, 'day-total')).toBe('77,00 €');
  });

  it('cancels a sale with a reason, keeping the original', async () => {
    await browser.page.getByTestId('sale-1').click();
    await browser.page.getByTestId('cancel-sale').click();
    await browser.page.getByTestId('cancel-confirm').click();
    expect(await textOf(browser.page, 'sale-dialog')).toContain('Donnez une raison');
    await browser.page.getByTestId('cancel-reason').fill('Erreur de saisie');
    await browser.page.getByTestId('cancel-confirm').click();
    await browser.page.getByTestId('sale-4').waitFor();
    expect(await textOf(browser.page, 'sale-4')).toContain('Annulation de la vente n° 1');
    expect(await textOf(browser.page, 'sale-4')).toContain('-42,00 €');
    expect(await textOf(browser.page, 'day-total')).toBe('35,00 €');
    expect(await textOf(browser.page, 'day-method-cash')).toBe('💶 Espèces15,00 €');
    await screenshot(browser.page, 'history');
  });

  it('verifies the journal, and names the entry when the database was tampered with', async () => {
    // Entry n° 1 is the till's key, journalled at start (renderer/db/custody.ts); the sales follow it.
    await browser.page.getByTestId('verify-journal').click();
    expect(await textOf(browser.page, 'journal-result')).toContain('Journal intact : 5 opérations vérifiées');

    // Someone edits sale n° 3's total straight in IndexedDB, bypassing Étal.
    await browser.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('etal');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(new Error('open failed'));
      });
      const tx = db.transaction('sales', 'readwrite');
      const store = tx.objectStore('sales');
      const all = await new Promise<{ ticketNumber: number; totals: { ttc: number } }[]>((resolve) => {
        const req = store.getAll();
        req.onsuccess = () => resolve(req.result as { ticketNumber: number; totals: { ttc: number } }[]);
      });
      const sale = all.find((s) => s.ticketNumber === 3);
      if (!sale) throw new Error('no sale 3');
      sale.totals.ttc = 100;
      store.put(sale);
      await new Promise((r) => (tx.oncomplete = r));
      db.close();
    });
    await browser.page.getByTestId('verify-journal').click();
    await expect.poll(() => textOf(browser.page, 'journal-result')).toContain('La vente de l’opération n° 4 a été modifiée');
    await screenshot(browser.page, 'journal-tampered');
  });

  it('switches to English and back, numbers staying French', async () => {
    await browser.page.getByTestId('lang-en').click();
    expect(await textOf(browser.page, 'tab-checkout')).toContain('Till');
    expect(await textOf(browser.page, 'history-day')).toMatch(/^Today, \d{2}\/\d{2}\/\d{4}$/);
    await till.open('checkout');
    await till.tap('Chouchou wax');
    expect(await till.total()).toBe('4,00 €');
    await screenshot(browser.page, 'till-english');
    expect(await browser.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await browser.page.getByTestId('lang-fr').click();
    expect(await textOf(browser.page, 'tab-checkout')).toContain('Caisse');
    expect(await browser.page.evaluate(() => document.documentElement.lang)).toBe('fr');
  });
});
