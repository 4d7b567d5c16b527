/**
 * Backups end to end, in Debian Chromium against web mode: demo co-op, a
 * sale, "Sauvegarder maintenant" into the backups folder, "Télécharger la
 * sauvegarde pour une clé USB" as a browser download, a later sale, then restoring that copy after seeing its summary: the
 * later sale is gone, the earlier one is there, the restore is noted in the
 * journal, which verifies. A file of the older format 1 is read and shown as
 * such. A tampered file is refused with its sentence and changes nothing.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, screenshot, startWebHost, stopSession, textOf, type WebHost } from './harness';
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
    await stopSession(host, browser);
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

  it('downloads the backup for a USB stick, like any export in the browser, and says so', async () => {
    expect(await textOf(browser.page, 'backup-download')).toContain('Télécharger la sauvegarde pour une clé USB');
    const [download] = await Promise.all([browser.page.waitForEvent('download'), browser.page.getByTestId('backup-download').click()]);
    const name = download.suggestedFilename();
    expect(name).toMatch(/^etal-sauvegarde-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.json$/);
    await expect.poll(() => textOf(browser.page, 'backup-message')).toBe(`Sauvegarde téléchargée : ${name}`);
    downloaded = path.join(browser.profileDir, name);
    await download.saveAs(downloaded);
    // Nothing is written on the host's side: the browser has the file.
    expect(existsSync(path.join(host.dataDir, 'exports'))).toBe(false);
    expect(JSON.parse(readFileSync(downloaded, 'utf8'))).toMatchObject({ format: 'etal-backup', version: 2 });
    await screenshot(browser.page, 'backup-usb-copy');
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
    expect(await textOf(browser.page, 'backup-summary-file')).toBe(path.basename(downloaded));
    expect(await textOf(browser.page, 'backup-summary-journal')).toContain('La restauration sera notée dans le journal de la caisse');
    expect(await browser.page.getByTestId('backup-summary-format').count()).toBe(0);
    await summary.scrollIntoViewIfNeeded();
    await screenshot(browser.page, 'backup-restore-summary');
    await browser.page.getByTestId('backup-confirm').click();
    await expect
      .poll(() => textOf(browser.page, 'backup-message'))
      .toMatch(/^Sauvegarde restaurée\. La restauration est notée dans le journal de la caisse \(entrée n° 2\)\. Les données d’avant ont été sauvegardées : .*\.json$/);
    await screenshot(browser.page, 'backup-restored');
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

  it('reads a backup of the older format 1 and says so before restoring anything', async () => {
    await till.open('settings');
    await browser.page.getByTestId('backup-file').setInputFiles(path.resolve('renderer/db/fixtures/backup-format-1.json'));
    await browser.page.getByTestId('backup-summary').waitFor();
    expect(await textOf(browser.page, 'backup-summary-format')).toBe('1 (ancien format d’Étal : lu et mis à jour)');
    expect(await textOf(browser.page, 'backup-summary-tickets')).toBe('3');
    await browser.page.getByTestId('backup-cancel').click();
    expect(await browser.page.getByTestId('backup-summary').count()).toBe(0);
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
