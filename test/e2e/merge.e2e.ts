/**
 * Two tills at one fair, end to end in Debian Chromium (web mode): two
 * browser profiles are two computers. Till A starts from the demo and sells;
 * its backup file sets up till B through "Ajouter une caisse à un
 * collectif"; B sells with its own tickets from n° 1; B's backup is merged
 * into A after its summary is shown: A's sales list shows B's tickets, the
 * journals verify, a second import says there is nothing new, and A's own
 * file is refused.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, openBrowser, screenshot, textOf, startWebHost, type Browser, type WebHost } from './harness';
import { Till } from './pages';

async function sellExactCash(browser: Browser, product: string): Promise<void> {
  const till = new Till(browser.page);
  await till.open('checkout');
  await till.tap(product);
  for (const id of ['pay-cash', 'cash-exact', 'pay-confirm']) await browser.page.getByTestId(id).click();
  await browser.page.getByTestId('sale-done').waitFor();
  await till.nextSale();
}

/** Settings → "Télécharger la sauvegarde pour une clé USB": the browser's download, kept in the profile's folder. */
async function downloadBackup(browser: Browser, name: string): Promise<string> {
  await new Till(browser.page).open('settings');
  const [download] = await Promise.all([browser.page.waitForEvent('download'), browser.page.getByTestId('backup-download').click()]);
  const file = path.join(browser.profileDir, name);
  await download.saveAs(file);
  return file;
}

async function historyRows(browser: Browser): Promise<string[]> {
  await new Till(browser.page).open('history');
  await browser.page.getByTestId('sales-list').waitFor();
  const rows = await browser.page.getByTestId('sales-list').locator('li').allTextContents();
  return rows.map((r) => r.replace(/[\u00a0\u202f]/g, ' '));
}

describe('two tills at one fair, merged', () => {
  let host: WebHost;
  let a: Browser;
  let b: Browser;
  let fileA: string;
  let fileB: string;

  beforeAll(async () => {
    host = await startWebHost();
    a = await openBrowser(host.url);
    b = await openBrowser(host.url);
  });

  afterAll(async () => {
    for (const browser of [a, b]) {
      await browser?.close();
      if (browser) cleanup(browser.profileDir);
    }
    await host?.stop();
  });

  it('till A: the demo, one sale, its backup file', async () => {
    await new Till(a.page).loadDemo();
    await sellExactCash(a, 'Étoile de Noël wax');
    fileA = await downloadBackup(a, 'caisse-a.json');
  });

  it('till B is added to the co-op from A’s file, with its own name and tickets from n° 1', async () => {
    await screenshot(b.page, 'merge-setup-welcome');
    await b.page.getByTestId('setup-join').click();
    await b.page.getByTestId('setup-join-file').setInputFiles(fileA);
    await b.page.getByTestId('setup-join-summary').waitFor();
    expect(await textOf(b.page, 'setup-join-coop')).toBe('🧺 Wax & Fils — coopérative éphémère');
    expect(Number(await textOf(b.page, 'setup-join-products'))).toBeGreaterThan(0);
    expect(await b.page.getByTestId('setup-join-till-name').inputValue()).toBe('Caisse 2');
    await screenshot(b.page, 'merge-setup-join');
    // The first till's name is refused: the two tills must be told apart.
    await b.page.getByTestId('setup-join-till-name').fill('Caisse 1');
    await b.page.getByTestId('setup-join-finish').click();
    await expect.poll(() => b.page.getByTestId('setup-form-join').innerText()).toContain('Ce nom est déjà celui de l’autre caisse : choisissez-en un autre.');
    await b.page.getByTestId('setup-join-till-name').fill('Caisse 2');
    await b.page.getByTestId('setup-join-finish').click();
    await b.page.getByTestId('tile-Guirlande wax 1 m').waitFor();

    await sellExactCash(b, 'Chouchou wax');
    await sellExactCash(b, 'Guirlande wax 1 m');

    // B's catalogue drifts: a price changed, a product only B has.
    await new Till(b.page).open('products');
    await b.page.getByTestId('product-row-Chouchou wax').click();
    await b.page.getByTestId('product-price').fill('4,50');
    await b.page.getByTestId('product-save').click();
    await b.page.getByTestId('product-dialog').waitFor({ state: 'detached' });
    await b.page.getByTestId('product-new').click();
    await b.page.getByTestId('product-name').fill('Sac wax');
    await b.page.getByTestId('product-price').fill('15,00');
    await b.page.getByTestId('product-save').click();
    await b.page.getByTestId('product-dialog').waitFor({ state: 'detached' });
    await sellExactCash(b, 'Sac wax');

    const rows = await historyRows(b);
    expect(rows).toHaveLength(3);
    expect(rows.some((r) => r.includes('n° 1') && r.includes('Chouchou wax'))).toBe(true);
    expect(rows.some((r) => r.includes('Étoile de Noël wax'))).toBe(false);
    fileB = await downloadBackup(b, 'caisse-b.json');
  });

  it('A merges B’s file after seeing what it adds and the catalogue differences: B’s tickets show in A’s sales list, both journals verify', async () => {
    await new Till(a.page).open('settings');
    await a.page.getByTestId('merge-file').setInputFiles(fileB);
    const summary = a.page.getByTestId('merge-summary');
    await summary.waitFor();
    expect(await textOf(a.page, 'merge-till-name')).toBe('Caisse 2');
    expect(await textOf(a.page, 'merge-sales')).toBe('3');
    expect(await textOf(a.page, 'merge-cancellations')).toBe('0');
    expect(await a.page.getByTestId('merge-conflicts').count()).toBe(0);
    expect(await a.page.getByTestId('merge-diff-different').innerText()).toMatch(/Produit\s+Chouchou wax\s+différent ici : prix$/);
    expect(await a.page.getByTestId('merge-diff-missing').innerText()).toMatch(/Produit\s+Sac wax\s+seulement dans le fichier$/);
    await a.page.getByTestId('merge-add-missing').check();
    await summary.scrollIntoViewIfNeeded();
    await a.page.setViewportSize({ width: 1280, height: 1000 });
    await summary.scrollIntoViewIfNeeded();
    await screenshot(a.page, 'merge-summary');
    await a.page.setViewportSize({ width: 1280, height: 800 });
    await a.page.getByTestId('merge-confirm').click();
    await expect
      .poll(() => textOf(a.page, 'merge-message'))
      .toMatch(/^Fusion faite avec « Caisse 2 »\. Ajouté : 3 ventes, 1 élément du catalogue\. Journal de l’autre caisse vérifié ✓ Les données d’avant sont sauvegardées : .*etal-sauvegarde-.*\.json$/);
    await screenshot(a.page, 'merge-done');

    const rows = await historyRows(a);
    expect(rows).toHaveLength(4);
    expect(rows.some((r) => r.includes('Chouchou wax') && r.includes('4,00 €'))).toBe(true);
    expect(rows.some((r) => r.includes('Guirlande wax 1 m') && r.includes('12,00 €'))).toBe(true);
    expect(rows.some((r) => r.includes('Sac wax') && r.includes('15,00 €'))).toBe(true);
    expect(rows.some((r) => r.includes('Étoile de Noël wax'))).toBe(true);
    expect(await textOf(a.page, 'day-total')).toBe('37,00 €');
    // B's three tickets carry B's name; A's own ticket does not.
    expect(rows.filter((r) => r.includes('Caisse 2'))).toHaveLength(3);
    expect(rows.find((r) => r.includes('Étoile de Noël wax'))).not.toContain('Caisse 2');
    await a.page.getByTestId('sales-list').locator('li', { hasText: 'Sac wax' }).getByRole('button').click();
    expect(await textOf(a.page, 'sale-other-till')).toContain('Vente de la caisse « Caisse 2 »');
    expect(await a.page.getByTestId('sale-dialog').getByText('Annuler la vente').count()).toBe(0);
    await a.page.keyboard.press('Escape');
    await a.page.getByTestId('sale-dialog').waitFor({ state: 'detached' });
    await screenshot(a.page, 'merge-history');
    await a.page.getByTestId('verify-journal').click();
    expect(await textOf(a.page, 'journal-result')).toContain('Journal intact');
    // The missing product was added; the price that differed stays A's.
    await new Till(a.page).open('checkout');
    await a.page.getByTestId('tile-Sac wax').waitFor();
    await new Till(a.page).tap('Chouchou wax');
    expect(await new Till(a.page).total()).toBe('4,00 €');

    await new Till(b.page).open('history');
    await b.page.getByTestId('verify-journal').click();
    expect(await textOf(b.page, 'journal-result')).toContain('Journal intact');
  });

  it('importing the same file again says there is nothing new and changes nothing; A’s own file is refused', async () => {
    await new Till(a.page).open('settings');
    await a.page.getByTestId('merge-file').setInputFiles(fileB);
    await a.page.getByTestId('merge-summary').waitFor();
    expect(await textOf(a.page, 'merge-nothing')).toBe('Rien de nouveau : tout ce que contient ce fichier est déjà dans cette caisse.');
    expect(await a.page.getByTestId('merge-confirm').count()).toBe(0);
    expect(await a.page.getByTestId('merge-till').count()).toBe(0);
    await a.page.getByTestId('merge-summary').scrollIntoViewIfNeeded();
    await screenshot(a.page, 'merge-nothing-new');
    await a.page.getByTestId('merge-cancel').click();

    await a.page.getByTestId('merge-file').setInputFiles(fileA);
    await expect
      .poll(() => textOf(a.page, 'merge-error'))
      .toBe('C’est la sauvegarde de cette caisse : utilisez « Restaurer une sauvegarde » plus haut. Rien n’a été modifié.');
    expect(await historyRows(a)).toHaveLength(4);
  });
});
