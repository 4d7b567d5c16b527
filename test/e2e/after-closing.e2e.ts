/**
 * A sale paid after the Z is found the same evening (issue 14, item 1): the
 * day is closed, one more item is sold by card, and Ventes opens on the
 * business day the till now sells into, says so in one sentence, lists the
 * sale, opens it and cancels it. Driven by the labels a seller reads.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDay } from '../../shared/format';
import { shiftDay } from '../../shared/closing';
import { type Browser, screenshot, stopSession, type WebHost } from './harness';
import { parisDay } from './orders-pages';
import { startDemoTill } from './pages';

const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

async function sellByCard(page: Page, product: string): Promise<void> {
  await page.getByRole('button', { name: 'Caisse' }).click();
  await page.getByRole('button', { name: new RegExp(`^${product}`) }).click();
  await page.getByRole('button', { name: 'Carte', exact: true }).click();
  await page.getByRole('button', { name: /Payé/ }).click();
  await page.getByRole('button', { name: /Vente suivante/ }).click();
}

describe('a sale paid after the Z is found, opened and cancelled the same evening', () => {
  let host: WebHost;
  let browser: Browser;
  const today = parisDay(0);
  const tomorrow = shiftDay(today, 1);

  beforeAll(async () => {
    ({ host, browser } = await startDemoTill());
  });

  afterAll(async () => {
    await stopSession(host, browser);
  });

  it('closes the day, sells by card, and Ventes shows the sale in the next business day', async () => {
    const page = browser.page;
    await sellByCard(page, 'Trousse wax');
    await page.getByRole('button', { name: 'Clôture' }).click();
    await page.getByLabel('Compté par').selectOption('Aminata');
    await page.getByRole('button', { name: /Clôturer la journée/ }).click();
    await page.getByRole('button', { name: /Oui, clôturer/ }).click();
    await page.getByTestId('z-report').waitFor();

    await sellByCard(page, 'Sac cabas wax');
    await page.getByRole('button', { name: 'Ventes' }).click();
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(async () => plain(await heading.textContent())).toBe(`Journée en cours, ${formatDay(tomorrow)}`);
    expect(plain(await page.getByText(/Après la clôture/).textContent())).toBe(
      `🔒 Après la clôture : les ventes d’aujourd’hui sont comptées dans la journée du ${formatDay(tomorrow)}.`,
    );
    await page.getByRole('button', { name: /^n° 2 / }).waitFor();
    expect(await page.getByTestId('sales-list').getByRole('button').count()).toBe(1);
    await expect.poll(async () => page.getByRole('button', { name: /Jour suivant/ }).isDisabled()).toBe(true);

    for (const [width, height] of [[1024, 600], [1280, 800]] as const) {
      await page.setViewportSize({ width, height });
      await screenshot(page, `ventes-after-z-${width}x${height}`);
    }

    // The closed day is one tap back, with the sale before the Z.
    await page.getByRole('button', { name: /Jour précédent/ }).click();
    expect(plain(await heading.textContent())).toBe(formatDay(today));
    await page.getByRole('button', { name: /^n° 1 / }).waitFor();
    await page.getByRole('button', { name: /Jour suivant/ }).click();
    expect(plain(await heading.textContent())).toBe(`Journée en cours, ${formatDay(tomorrow)}`);
  });

  it('opens the sale, shows its receipt and cancels it with a reason', async () => {
    const page = browser.page;
    await page.getByRole('button', { name: /^n° 2 / }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/Sac cabas wax/).first().waitFor();
    await dialog.getByRole('button', { name: /Voir le ticket|Cacher le ticket/ }).waitFor();
    await dialog.getByRole('button', { name: /Annuler la vente/ }).click();
    await dialog.getByLabel('Raison de l’annulation').fill('Cliente a changé d’avis');
    await dialog.getByRole('button', { name: /Confirmer l’annulation/ }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^n° 3 / }).waitFor();
    expect(plain(await page.getByTestId('day-total').textContent())).toBe('0,00 €');
    await screenshot(page, 'ventes-after-z-cancelled');
  });
});
