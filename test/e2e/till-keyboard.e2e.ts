/**
 * The till as a first-time stall-holder meets it (issue #14, items 3–5), in
 * Debian Chromium against web mode: a whole exact-cash sale from the
 * keyboard alone (its keys counted), typed quantities and amounts, an
 * amount received no customer hands over, the quick amount that looks
 * chosen, and a reload that keeps the basket and names the last sale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, stopSession, textOf, type Browser, type WebHost } from './harness';
import { startDemoTill, type Till } from './pages';

describe('the till from the keyboard, with sane cash and a basket that survives a reload', () => {
  let host: WebHost;
  let browser: Browser;
  let till: Till;

  beforeAll(async () => {
    ({ host, browser, till } = await startDemoTill());
  });

  afterAll(async () => {
    await stopSession(host, browser);
  });

  it('records a whole exact-cash sale by keyboard alone in 8 keys', async () => {
    const page = browser.page;
    const dialog = page.getByRole('dialog');
    let keys = 0;
    const press = async (key: string) => {
      keys += 1;
      await page.keyboard.press(key);
    };
    // Nothing focused: typing goes into the search by itself.
    for (const ch of 'sac') await press(ch);
    expect(await page.getByRole('searchbox', { name: 'Chercher' }).inputValue()).toBe('sac');
    expect(await page.locator('.tile').count()).toBe(1);
    await press('Enter');
    expect(await till.total()).toBe('25,00 €');
    expect(await page.getByRole('searchbox', { name: 'Chercher' }).inputValue()).toBe('');
    await press('Enter');
    await dialog.getByText('À payer').waitFor();
    await press('Enter');
    expect(await textOf(page, 'cash-received')).toBe('25,00 €');
    expect(await textOf(page, 'change-amount')).toBe('0,00 €');
    await press('Enter');
    await page.getByRole('dialog', { name: /Vente n° 1/ }).waitFor();
    expect(await textOf(page, 'sale-done')).toContain('Vente de 25,00 € enregistrée');
    await press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('cart-empty').isVisible()).toBe(true);
    console.log(`keyboard-only exact-cash sale: ${keys} keys (3 letters of the search, 5 × Enter: add, cash, exact, Payé, next sale)`);
    expect(keys).toBe(8);
  });

  it('types a quantity in metres with a dot, Backspace and Enter, and an amount received from the keyboard', async () => {
    const page = browser.page;
    for (const ch of 'tissu wax') await page.keyboard.press(ch === ' ' ? 'Space' : ch);
    await page.keyboard.press('Enter');
    const quantity = page.getByRole('dialog', { name: 'Tissu wax au mètre' });
    await quantity.waitFor();
    // The first key replaces the 1 already there; a dot is a comma.
    await page.keyboard.type('1.5');
    expect(await textOf(page, 'qty-display')).toContain('1,5');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('25');
    expect(await textOf(page, 'qty-display')).toContain('1,25');
    await page.keyboard.press('Enter');
    await quantity.waitFor({ state: 'detached' });
    expect(await textOf(page, 'cart-line-Tissu wax au mètre')).toContain('1,25 m');
    // 1,25 m × 15,00 € = 18,75 €
    expect(await till.total()).toBe('18,75 €');

    await page.getByRole('button', { name: /Espèces/ }).first().click();
    await page.keyboard.type('20');
    expect(await textOf(page, 'change-amount')).toBe('1,25 €');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('50,5');
    expect(await textOf(page, 'cash-received')).toBe('50,5 €');
    expect(await textOf(page, 'change-amount')).toBe('31,75 €');
    await page.keyboard.press('Escape');
  });

  it('refuses cash no customer hands over, in one sentence next to the figure, and Payé stays off', async () => {
    const page = browser.page;
    await page.getByRole('button', { name: /Espèces/ }).first().click();
    const dialog = page.getByRole('dialog');
    await page.keyboard.type('99999999');
    const refusal = dialog.getByRole('alert');
    expect((await refusal.textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toContain('Trop élevé : pas plus de 500,00 € reçus pour ce montant');
    expect(await dialog.getByRole('button', { name: /Payé/ }).isDisabled()).toBe(true);
    expect(await page.getByTestId('change-amount').count()).toBe(0);
    // Nothing spills out of the dialog's box.
    const box = await dialog.boundingBox();
    for (const part of [page.getByTestId('cash-received'), refusal, page.getByTestId('cash-keypad'), dialog.getByRole('button', { name: /Payé/ })]) {
      const b = await part.boundingBox();
      expect(b && box && b.x >= box.x && b.x + b.width <= box.x + box.width + 0.5).toBe(true);
    }
    await screenshot(page, 'payment-cash-too-high');
    // 500 € is still a note a customer may hand over for 18,75 €.
    for (let i = 0; i < 8; i += 1) await page.keyboard.press('Backspace');
    await page.keyboard.type('500');
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(await textOf(page, 'change-amount')).toBe('481,25 €');
  });

  it('shows only the chosen quick amount as chosen: Montant exact no longer is once 50 € is tapped or an amount typed', async () => {
    const page = browser.page;
    const dialog = page.getByRole('dialog');
    const exact = dialog.getByRole('button', { name: 'Montant exact' });
    const fifty = dialog.getByRole('button', { name: /^50,00/ });
    await exact.click();
    expect(await exact.getAttribute('aria-pressed')).toBe('true');
    await fifty.click();
    expect(await fifty.getAttribute('aria-pressed')).toBe('true');
    expect(await exact.getAttribute('aria-pressed')).toBe('false');
    expect(await exact.getAttribute('class')).not.toContain('btn-primary');
    expect(await fifty.getAttribute('class')).toContain('btn-primary');
    // A key typed after a quick amount starts a new amount.
    await page.keyboard.type('30');
    expect(await textOf(page, 'cash-received')).toBe('30 €');
    expect(await fifty.getAttribute('aria-pressed')).toBe('false');
    expect(await exact.getAttribute('aria-pressed')).toBe('false');
    expect(await exact.getAttribute('class')).not.toContain('btn-primary');
    await page.keyboard.press('Escape');
  });

  it('keeps the unpaid basket across a reload and says so', async () => {
    const page = browser.page;
    await till.tap('Chouchou wax', 2);
    expect(await till.total()).toBe('26,75 €');
    await page.reload();
    await page.getByTestId('tile-Chouchou wax').waitFor();
    expect(await textOf(page, 'cart-line-Tissu wax au mètre')).toContain('1,25 m');
    expect(await textOf(page, 'cart-line-Chouchou wax')).toContain('2 pièces');
    expect(await till.total()).toBe('26,75 €');
    expect(await textOf(page, 'basket-kept-notice')).toContain('Panier gardé depuis la dernière fois : 2 lignes');
  });

  it('after paying and reloading at once, names the last sale for a few seconds', async () => {
    const page = browser.page;
    await page.getByRole('button', { name: /Espèces/ }).first().click();
    await page.getByRole('button', { name: 'Montant exact' }).click();
    await page.getByRole('button', { name: /Payé/ }).click();
    await page.getByRole('dialog', { name: /Vente n° 2/ }).waitFor();
    await page.reload();
    const notice = page.getByTestId('last-sale-notice');
    await notice.waitFor();
    expect(await textOf(page, 'last-sale-notice')).toMatch(/^🧾 Dernière vente : n° 2 à \d{2}:\d{2}, 26,75 € \(espèces\)$/);
    await screenshot(page, 'till-last-sale-notice');
    // Paid: the basket is not brought back.
    expect(await page.getByTestId('cart-empty').isVisible()).toBe(true);
    await notice.waitFor({ state: 'detached', timeout: 12_000 });
  });
});
