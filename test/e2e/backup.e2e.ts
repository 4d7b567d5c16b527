/**
 * Backups end to end, in Debian Chromium against web mode: demo co-op, a
 * sale, "Sauvegarder maintenant" into the backups folder, "Télécharger la
 * sauvegarde pour une clé USB" as a browser download, a later sale, then
 * choosing that copy: it is signed by this till's key, but older than the
 * till, so the plain restore is refused in one sentence and nothing changes;
 * *Revenir à cette sauvegarde* with a reason and who brings it back (the
 * later sale is gone, its entries in a sealed file beside the backups, the
 * journal verifies) and the next Z, on screen and in its PDF, reports it with
 * the key fingerprint shown in Réglages. A file of the older format 1 is read
 * and shown as such (not signed). A tampered file is refused with its
 * sentence and changes nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, screenshot, SCREENSHOTS, startWebHost, stopSession, textOf, type WebHost } from './harness';
import { Till } from './pages';

describe('backup and restore, end to end', () => {
  let host: WebHost;
  let browser: Browser;
  let till: Till;
  let downloaded: string;
  let fingerprint: string;

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
    // The key's fingerprint, for the CAE to note (4 groups of 4 hex digits).
    await expect.poll(() => textOf(browser.page, 'backup-key')).toMatch(/^Empreinte de la clé de cette caisse : [0-9A-F]{4}( [0-9A-F]{4}){3}/);
    fingerprint = /([0-9A-F]{4}( [0-9A-F]{4}){3})/.exec(await textOf(browser.page, 'backup-key'))?.[1] ?? '';
    await browser.page.getByTestId('backup-save').click();
    await expect.poll(() => textOf(browser.page, 'backup-message')).toMatch(/^Sauvegarde enregistrée : .*etal-sauvegarde-.*\.json$/);
    expect(await textOf(browser.page, 'backup-last')).toMatch(/^Dernière sauvegarde : \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await expect.poll(() => textOf(browser.page, 'backup-folder')).toBe(`1 sauvegarde dans le dossier ${path.join(host.dataDir, 'backups')}`);
    const files = readdirSync(path.join(host.dataDir, 'backups'));
    expect(files).toHaveLength(1);
    const written = JSON.parse(readFileSync(path.join(host.dataDir, 'backups', files[0] as string), 'utf8')) as { format: string; version: number; counts: Record<string, number>; publicKey: string; signature: string };
    expect(written).toMatchObject({ format: 'etal-backup', version: 3 });
    expect(written.publicKey).toMatch(/^[0-9a-f]{64}$/);
    expect(written.signature).toMatch(/^[0-9a-f]{128}$/);
    // The browser's key is in no table of the file.
    expect(Object.keys(written.counts)).not.toContain('deviceKeys');
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
    expect(JSON.parse(readFileSync(downloaded, 'utf8'))).toMatchObject({ format: 'etal-backup', version: 3 });
    await screenshot(browser.page, 'backup-usb-copy');
  });

  it('refuses to restore the earlier backup over the later sale, then goes back to it on purpose: journalled, sealed, and on the next Z', async () => {
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
    expect(await textOf(browser.page, 'backup-summary-signature')).toBe(`Signée par la clé de cette caisse (${fingerprint}) ✓`);
    expect(await browser.page.getByTestId('backup-summary-format').count()).toBe(0);
    // Older than the till: refused in one sentence, no plain restore button.
    expect(await textOf(browser.page, 'backup-refused')).toBe(
      'Cette sauvegarde est plus ancienne que la caisse : elle s’arrête à l’écriture n° 2 du journal, la caisse en a 3 ; la restaurer effacerait la plus récente. Rien n’a été modifié.',
    );
    expect(await browser.page.getByTestId('backup-confirm').count()).toBe(0);
    await summary.scrollIntoViewIfNeeded();
    await screenshot(browser.page, 'backup-restore-refused');

    // The way back needs a reason and who.
    const rollback = browser.page.getByTestId('backup-rollback');
    await rollback.getByRole('button', { name: 'Revenir à cette sauvegarde' }).click();
    expect(await rollback.getByRole('alert').allTextContents()).toEqual(['⚠ Dites pourquoi (obligatoire).', '⚠ Touchez la personne qui décide.']);
    await rollback.getByLabel('Pourquoi revenir en arrière ?').fill('vente saisie sur la mauvaise caisse');
    await rollback.getByRole('button', { name: /Aminata$/ }).click();
    await rollback.scrollIntoViewIfNeeded();
    await screenshot(browser.page, 'backup-rollback-form');
    await rollback.getByRole('button', { name: 'Revenir à cette sauvegarde' }).click();
    const done = /^Retour à la sauvegarde fait\. Il est noté dans le journal \(entrée n° 3\) et sera sur le prochain Z\. Les écritures remplacées sont gardées ici : (.+etal-remplacees-.+\.json)$/;
    await expect.poll(() => textOf(browser.page, 'backup-message')).toMatch(done);
    const sealedPath = done.exec(await textOf(browser.page, 'backup-message'))?.[1] ?? '';
    expect(path.dirname(sealedPath)).toBe(path.join(host.dataDir, 'backups'));
    const sealed = JSON.parse(readFileSync(sealedPath, 'utf8')) as { entries: { seq: number; type: string }[]; records: { sales: { ticketNumber: number }[] }; reason: string; by: string };
    expect(sealed).toMatchObject({ reason: 'vente saisie sur la mauvaise caisse', by: 'Aminata', entries: [{ seq: 3, type: 'sale' }], records: { sales: [{ ticketNumber: 2 }] } });
    await screenshot(browser.page, 'backup-rolled-back');

    await till.open('history');
    await browser.page.getByTestId('sale-1').waitFor();
    expect(await browser.page.getByTestId('sales-list').locator('li').count()).toBe(1);
    await browser.page.getByTestId('verify-journal').click();
    expect(await textOf(browser.page, 'journal-result')).toContain('Journal intact');

    // The next Z says so, and prints the key fingerprint; its PDF too.
    await till.open('closing');
    await browser.page.getByTestId('counted-by').selectOption('Fatoumata');
    await browser.page.getByTestId('close-day').click();
    await browser.page.getByTestId('close-confirm').click();
    await browser.page.getByTestId('z-report').waitFor();
    const paper = await textOf(browser.page, 'receipt-preview');
    expect(paper).toContain('RETOUR À UNE SAUVEGARDE');
    expect(paper).toContain('1 écriture remplacée (n° 3 à 3)');
    expect(paper).toContain('vente saisie sur la mauvaise caisse');
    expect(paper).toContain(fingerprint);
    await browser.page.getByTestId('receipt-preview').scrollIntoViewIfNeeded();
    await screenshot(browser.page, 'backup-rollback-z');
    const [pdf] = await Promise.all([browser.page.waitForEvent('download'), browser.page.getByTestId('z-pdf').click()]);
    const pdfFile = path.join(SCREENSHOTS, 'backup-rollback-z.pdf');
    await pdf.saveAs(pdfFile);
    const pdfText = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('RETOUR À UNE SAUVEGARDE');
    expect(pdfText).toContain(fingerprint);
  });

  it('reads a backup of the older format 1 and says so before restoring anything', async () => {
    await till.open('settings');
    await browser.page.getByTestId('backup-file').setInputFiles(path.resolve('renderer/db/fixtures/backup-format-1.json'));
    await browser.page.getByTestId('backup-summary').waitFor();
    expect(await textOf(browser.page, 'backup-summary-format')).toBe('1 (ancien format d’Étal : lu et mis à jour)');
    expect(await textOf(browser.page, 'backup-summary-tickets')).toBe('3');
    expect(await textOf(browser.page, 'backup-summary-signature')).toBe('Non signée : ancien format d’Étal, qui ne signait pas encore les sauvegardes.');
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
