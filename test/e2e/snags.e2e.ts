/**
 * The smaller snags a first-time stall-holder tripped on (issue 14, item 8),
 * driven by what she reads: no request 404s at start (the favicon); the cost
 * panel of a product with no cost says what to enter; the first cash sale of
 * a day without a float asks for it; Clôture chooses nothing for her; the
 * Z's top products carry their unit; Réglages' save buttons say which block
 * they save; colours are named radio buttons; an order's "who" is optional;
 * a member without a photo is told to tap her name.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, screenshot, startWebHost, stopSession, type WebHost } from './harness';
import { OrdersPage, parisDay } from './orders-pages';
import { Till } from './pages';

const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

async function tab(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name }).click();
}

describe('the smaller snags of a first day', () => {
  let host: WebHost;
  let browser: Browser;
  let till: Till;
  const notFound: string[] = [];
  const page = () => browser.page;

  beforeAll(async () => {
    host = await startWebHost();
    browser = await openBrowser('about:blank');
    browser.page.on('response', (response) => {
      if (response.status() === 404) notFound.push(response.url());
    });
    await browser.page.goto(host.url);
    till = new Till(browser.page);
    await browser.page.getByRole('button', { name: /Charger la démo/ }).waitFor();
    await till.loadDemo();
  });

  afterAll(async () => {
    await stopSession(host, browser);
  });

  it('starts with no request answered 404, the favicon included', async () => {
    await page().reload();
    await page().getByRole('navigation').waitFor();
    const icon = await page().locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toMatch(/\.png$/);
    const fetched = await page().request.get(new URL(icon ?? '', page().url()).toString());
    expect(fetched.status()).toBe(200);
    expect(notFound).toEqual([]);
  });

  it('the cost panel of a product with no cost says what to enter, and offers no 0,00 € price', async () => {
    await tab(page(), 'Produits');
    await page().getByRole('button', { name: /Nouveau produit/ }).click();
    await page().getByLabel('Prix TTC').fill('8,00');
    const panel = page().getByTestId('cost-panel');
    await panel.getByText(/Aucun coût saisi/).waitFor();
    expect(plain(await panel.textContent())).not.toContain('vendez à 0,00 €');
    expect(await panel.getByRole('button', { name: /Utiliser ce prix/ }).count()).toBe(0);
    // Colours are radio buttons named in words, and arrow keys move between them.
    const blue = page().getByRole('radio', { name: 'Bleu', exact: true });
    await blue.focus();
    await page().keyboard.press('Space');
    expect(await blue.isChecked()).toBe(true);
    await page().keyboard.press('ArrowRight');
    expect(await page().getByRole('radio', { name: 'Bleu ciel' }).isChecked()).toBe(true);
    expect(await page().getByRole('radiogroup').count() + (await page().getByRole('group', { name: 'Couleur' }).count())).toBeGreaterThan(0);
    await screenshot(page(), 'snags-cost-no-cost');
    await page().getByRole('dialog').getByRole('button', { name: /Fermer/ }).first().click();
  });

  it('asks for the cash float on the first cash sale of the day, and records it', async () => {
    await tab(page(), 'Caisse');
    await till.tap('Trousse wax');
    await page().getByRole('button', { name: 'Espèces', exact: true }).click();
    await page().getByTestId('cash-exact').click();
    await page().getByRole('button', { name: /Payé/ }).click();
    const prompt = page().getByTestId('fund-prompt');
    await prompt.getByText(/Pas encore de fond de caisse/).waitFor();
    await screenshot(page(), 'snags-fund-prompt');
    await prompt.getByLabel('Fond de caisse').fill('50');
    await prompt.getByRole('button', { name: /Noter le fond/ }).click();
    expect(plain(await page().getByTestId('fund-prompt-done').textContent())).toBe('✅ Fond de caisse : 50,00 €');
    await page().getByRole('button', { name: /Vente suivante/ }).click();
    // The second cash sale does not ask again.
    await till.tap('Trousse wax');
    await page().getByRole('button', { name: 'Espèces', exact: true }).click();
    await page().getByTestId('cash-exact').click();
    await page().getByRole('button', { name: /Payé/ }).click();
    await page().getByTestId('sale-done').waitFor();
    expect(await page().getByTestId('fund-prompt').count()).toBe(0);
    await page().getByRole('button', { name: /Vente suivante/ }).click();
  });

  it('Clôture chooses no movement for her, and says what to choose', async () => {
    await till.tapMetres('Guirlande wax au mètre', '1,5');
    await page().getByRole('button', { name: 'Carte', exact: true }).click();
    await page().getByRole('button', { name: /Payé/ }).click();
    await page().getByRole('button', { name: /Vente suivante/ }).click();
    await tab(page(), 'Clôture');
    expect(plain(await page().getByText(/Fond de caisse :/).first().textContent())).toBe('Fond de caisse : 50,00 €');
    const out = page().getByRole('button', { name: /Sortie/ });
    const stallFee = page().getByRole('button', { name: /Droit de place/ });
    expect(await out.getAttribute('aria-pressed')).toBe('false');
    expect(await stallFee.getAttribute('aria-pressed')).toBe('false');
    await page().getByLabel('Montant').fill('5');
    await page().getByRole('button', { name: /Enregistrer/ }).first().click();
    expect(plain(await page().getByTestId('move-choice-error').textContent())).toBe('⚠ Choisissez d’abord : sortie ou entrée d’espèces.');
    expect(await page().getByTestId('movements').count()).toBe(0);
    await out.click();
    expect(await out.getAttribute('aria-pressed')).toBe('true');
  });

  it('the Z names each top product with its unit', async () => {
    await page().getByLabel('Compté par').selectOption('Aminata');
    await page().getByRole('button', { name: /Clôturer la journée/ }).click();
    await page().getByRole('button', { name: /Oui, clôturer/ }).click();
    const top = page().getByTestId('z-report').getByTestId('z-top');
    await top.waitFor();
    const rows = (await top.locator('li').allTextContents()).map(plain);
    expect(rows).toContain('Guirlande wax au mètre · 1,5 m18,00 €');
    expect(rows).toEqual(expect.arrayContaining([expect.stringMatching(/^Trousse wax · 2 pièces\d+,\d\d €$/)]));
  });

  it('an order’s "who makes the change" says it is optional', async () => {
    const orders = new OrdersPage(page());
    await orders.openBoard();
    await page().getByRole('button', { name: /Nouvelle commande/ }).click();
    await orders.newCustomer({ name: 'Mairie' });
    await orders.addProduct('Sac cabas wax', '2');
    await orders.setDue(parisDay(3));
    await orders.save();
    await page().getByText('Qui fait le changement ? (facultatif)').waitFor();
  });

  it('a member without a photo is told to tap her name', async () => {
    await tab(page(), 'Membres');
    const aminata = page().getByRole('button', { name: /Aminata/ }).first();
    expect(plain(await aminata.textContent())).toContain('Touchez votre nom pour mettre votre photo');
    await screenshot(page(), 'snags-members');
  });

  it('Réglages: each block is a named region and its save button says which block it saves', async () => {
    await tab(page(), 'Réglages');
    await page().getByRole('region', { name: /Imprimante à tickets/ }).waitFor();
    const saves = await page().getByRole('button', { name: /^Enregistrer — / }).evaluateAll((all) => all.map((b) => b.getAttribute('aria-label')));
    expect(saves.length).toBeGreaterThanOrEqual(6);
    expect(new Set(saves).size).toBe(saves.length);
    expect(saves).toContain('Enregistrer — Imprimante à tickets');
    await page().getByRole('region', { name: /Imprimante à tickets/ }).getByRole('button', { name: 'Enregistrer — Imprimante à tickets' }).waitFor();
  });
});
