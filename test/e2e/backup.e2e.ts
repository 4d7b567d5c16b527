/**
 * Backups end to end, in Debian Chromium against web mode: demo co-op, a
 * sale, "Sauvegarder maintenant" into the backups folder, "Télécharger la
 * sauvegarde", a later sale, then restoring the downloaded file after seeing
 * its summary: the later sale is gone, the earlier one is there, the journal
 * verifies. A tampered file is refused with its sentence and changes nothing.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, openBrowser, screenshot, startWebHost, textOf, type Browser, type WebHost } from './harness';
import { Till } from './pages';

describe('backup and restore, end to end', () => {
  let host: WebHost;
  let browser: Browser;
  let till: Till;
  let downloaded: string;

  beforeAll(async () => {
    host = await startWebHost();
    browser = await openBrowser(host.url);
    till = new Till(browser.page);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (browser) cleanup(browser.profileDir);
  });

  async function sellExactCash(product: string): Promise<void> {
    await till.open('checkout');
    await till.tap(product);
    for (const id of ['pay-cash', 'cash-exact', 'pay-confirm']) await browser.page.getByTestId(id).click();
    await browser.page.getByTestId('sale-done').waitFor();
    await till.nextSale();
  }

  it('backs up into the backups folder and says when', async () => {
    await till.loadDemo();
    await sellExactCash('Étoile de Noël wax');
    await till.open('settings');
    const section = browser.page.getByTestId('settings-backup');
    await section.scrollIntoViewIfNeeded();
    expect(await textOf(browser.page, 'backup-last')).toBe('Aucune sauvegarde faite sur cet appareil.');
    await browser.page.getByTestId('backup-storage').waitFor();
    await browser.page.getByTestId('backup-save').click();
    await expect.poll(() => textOf(browser.page, 'backup-message')).toMatch(/^Sauvegarde enregistrée : .*etal-sauvegarde-.*\.json$/);
    expect(await textOf(browser.page, 'backup-last')).toMatch(/^Dernière sauvegarde : \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await expect.poll(() => textOf(browser.page, 'backup-folder')).toBe(`1 sauvegarde dans le dossier ${path.join(host.dataDir, 'backups')}`);
    const files = readdirSync(path.join(host.dataDir, 'backups'));
    expect(files).toHaveLength(1);
    const written = JSON.parse(readFileSync(path.join(host.dataDir, 'backups', files[0] as string), 'utf8')) as { format: string; counts: Record<string, number> };
    expect(written.format).toBe('etal-backup');
    expect(written.counts['sales']).toBe(1);
    await screenshot(browser.page, 'backup-section');
  });

  it('downloads the same backup through the browser', async () => {
    const [download] = await Promise.all([browser.page.waitForEvent('download'), browser.page.getByTestId('backup-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^etal-sauvegarde-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.json$/);
    downloaded = path.join(browser.profileDir, download.suggestedFilename());
    await download.saveAs(downloaded);
    expect(JSON.parse(readFileSync(downloaded, 'utf8'))).toMatchObject({ format: 'etal-backup', version: 1 });
  });

  it('restores the earlier backup after showing what it holds: the later sale is gone, the journal verifies', async () => {
    await sellExactCash('Chouchou wax');
    await till.open('history');
    await browser.page.getByTestId('sale-2').waitFor();

    await till.open('settings');
    await browser.page.getByTestId('backup-file').setInputFiles(downloaded);
    const summary = browser.page.getByTestId('backup-summary');
    await summary.waitFor();
    expect(await textOf(browser.page, 'backup-summary-coop')).toBe('Wax & Fils — coopérative éphémère');
    expect(await textOf(browser.page, 'backup-summary-tickets')).toBe('1');
    await summary.scrollIntoViewIfNeeded();
    await screenshot(browser.page, 'backup-restore-summary');
    await browser.page.getByTestId('backup-confirm').click();
    await expect.poll(() => textOf(browser.page, 'backup-message')).toMatch(/^Sauvegarde restaurée\. Les données d’avant ont été sauvegardées : .*\.json$/);
    // The safety backup of the data from before is in the folder too.
    expect(readdirSync(path.join(host.dataDir, 'backups'))).toHaveLength(2);
    await expect.poll(() => textOf(browser.page, 'backup-folder')).toMatch(/^2 sauvegardes dans le dossier /);

    await till.open('history');
    await browser.page.getByTestId('sale-1').waitFor();
    expect(await browser.page.getByTestId('sales-list').locator('li').count()).toBe(1);
    expect(await textOf(browser.page, 'sale-1')).toContain('6,00 €');
    await browser.page.getByTestId('verify-journal').click();
    expect(await textOf(browser.page, 'journal-result')).toContain('Journal intact');
  });

  it('refuses a tampered backup with a plain sentence and changes nothing', async () => {
    const doc = JSON.parse(readFileSync(downloaded, 'utf8')) as { tables: { sales: { totals: { ttc: number } }[] } };
    const sale = doc.tables.sales[0];
    if (!sale) throw new Error('no sale in the backup');
    sale.totals.ttc = 1;
    const tampered = path.join(browser.profileDir, 'trafiquee.json');
    writeFileSync(tampered, JSON.stringify(doc));

    await till.open('settings');
    await browser.page.getByTestId('backup-file').setInputFiles(tampered);
    await expect
      .poll(() => textOf(browser.page, 'backup-error'))
      .toBe('Cette sauvegarde a été modifiée ou abîmée depuis sa création (son empreinte ne correspond plus) : rien n’a été modifié.');
    expect(await browser.page.getByTestId('backup-summary').count()).toBe(0);

    await browser.page.getByTestId('backup-file').setInputFiles({ name: 'pollution.json', mimeType: 'application/json', buffer: Buffer.from('{"__proto__":{"admin":true},"format":"etal-backup","version":1}') });
    await expect.poll(() => textOf(browser.page, 'backup-error')).toContain('Ce fichier contient des données interdites');
    await screenshot(browser.page, 'backup-refused');

    await till.open('history');
    await browser.page.getByTestId('sale-1').waitFor();
    expect(await browser.page.getByTestId('sales-list').locator('li').count()).toBe(1);
  });
});
