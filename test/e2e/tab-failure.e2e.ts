/**
 * A screen that fails does not take the till down: a damaged sale record
 * (as a hand-edited file could bring) makes Partage fail; Partage says so in
 * its own place with a way back, and the till goes on selling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, stopSession, textOf, type Browser, type WebHost } from './harness';
import { startDemoTill, type Till } from './pages';
import { sellForCash } from './payout-pages';

describe('an error in one tab', () => {
  let host: WebHost | undefined;
  let browser: Browser | undefined;
  let till: Till;

  beforeAll(async () => {
    ({ host, browser, till } = await startDemoTill());
    await sellForCash(till, ['Guirlande wax 1 m']);
  });

  afterAll(() => stopSession(host, browser));

  it('shows its own message in that tab, and the till keeps selling', async () => {
    const page = till.page;
    // Straight into IndexedDB, behind the app's back: the sale loses its VAT table.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('etal');
          open.onerror = () => reject(new Error('cannot open etal'));
          open.onsuccess = () => {
            const tx = open.result.transaction('sales', 'readwrite');
            const store = tx.objectStore('sales');
            const all = store.getAll();
            all.onsuccess = () => {
              for (const sale of all.result as { totals: Record<string, unknown> }[]) store.put({ ...sale, totals: { ...sale.totals, byRate: null } });
            };
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(new Error('write failed'));
          };
        }),
    );

    await page.getByRole('button', { name: /Partage/ }).click();
    const failure = page.getByRole('alert').filter({ hasText: 'Partage' });
    await failure.waitFor();
    expect(await failure.getByRole('heading').textContent()).toBe('L’écran « Partage » a eu un problème');
    expect(await textOf(page, 'tab-failure')).toContain('la caisse marche toujours');
    // The tabs are still there: the app itself did not fall over.
    expect(await page.getByRole('navigation').getByRole('button').count()).toBe(9);
    await screenshot(page, 'tab-failure-payout');

    await failure.getByRole('button', { name: 'Retour à la caisse' }).click();
    expect(await page.getByTestId('tab-failure').count()).toBe(0);
    await till.tap('Guirlande wax 1 m');
    expect(await till.total()).not.toBe('0,00\u00a0€');
    for (const id of ['pay-cash', 'cash-exact', 'pay-confirm']) await page.getByTestId(id).click();
    await page.getByTestId('sale-done').waitFor();
    expect(await textOf(page, 'sale-done')).toMatch(/n° ?2/);
    await till.nextSale();

    // Another tab opens as usual, and Partage tries again when asked.
    await till.open('history');
    await page.getByTestId('tab-history').waitFor();
    expect(await page.getByTestId('tab-failure').count()).toBe(0);
    await page.getByRole('button', { name: /Partage/ }).click();
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await page.getByTestId('tab-failure').waitFor();
  });
});
