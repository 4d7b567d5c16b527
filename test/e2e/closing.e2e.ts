/**
 * Closing the day in Debian Chromium against web mode: demo co-op, the day
 * opened with a 100 € float, a cash sale and a card sale, a 20 € stall fee
 * paid in cash, the cash counted 0,50 € short (after a typo with a letter),
 * the day closed with its confirmation, the Z on screen and on the paper
 * preview, the journal still intact with the cash movements and the Z, and
 * the archive downloaded and checked by the script it ships.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos, startFakePrinter, type FakePrinter } from '../fixtures/fake-printer';
import { type Browser, cleanup, screenshot, SCREENSHOTS, textOf, type WebHost } from './harness';
import { startDemoTill, type Till } from './pages';

describe('closing the day, end to end', () => {
  let host: WebHost;
  let browser: Browser;
  let till: Till;
  let printer: FakePrinter;
  let zPaper = '';

  beforeAll(async () => {
    printer = await startFakePrinter();
    ({ host, browser, till } = await startDemoTill());
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await printer?.close();
    if (browser) cleanup(browser.profileDir);
  });

  it('opens the day with a 100 € cash float', async () => {
    const page = browser.page;
    await till.open('closing');
    await page.getByTestId('fund-input').fill('100');
    await page.getByTestId('fund-open').click();
    expect(await textOf(page, 'fund-amount')).toBe('Fond de caisse : 100,00 €');
  });

  it('sells two garlands for cash and a tote bag by card', async () => {
    const page = browser.page;
    await till.open('checkout');
    await till.tap('Guirlande wax 1 m', 2);
    for (const id of ['pay-cash', 'cash-exact', 'pay-confirm']) await page.getByTestId(id).click();
    await till.nextSale();
    await till.tap('Sac cabas wax');
    await page.getByTestId('pay-card').click();
    await page.getByTestId('pay-confirm').click();
    await till.nextSale();
  });

  it('records a 20 € stall fee paid out of the drawer', async () => {
    const page = browser.page;
    // The till's thermal printer (a fake one on 127.0.0.1), for the Z.
    await till.open('settings');
    await page.getByTestId('printer-kind-network').click();
    await page.getByTestId('printer-host').fill('127.0.0.1');
    await page.getByTestId('printer-port').fill(String(printer.port));
    await page.getByTestId('printer-save').click();
    await page.getByTestId('printer-saved').waitFor();
    await till.open('closing');
    await page.getByTestId('move-out').click();
    await page.getByTestId('reason-stallFee').click();
    await page.getByTestId('move-amount').fill('20');
    await page.getByTestId('move-record').click();
    expect(await textOf(page, 'movements')).toContain('Droit de place');
    expect(await textOf(page, 'movements')).toContain('-20,00 €');
  });

  it('charts the day: sales by hour (uPlot) and what each maker brought in', async () => {
    const page = browser.page;
    await page.getByTestId('hour-chart').locator('canvas').waitFor();
    expect(await textOf(page, 'hour-chart')).toContain('Journée du');
    // Two garlands by Aminata and Fatoumata (12,00 € each), the tote bag by two others (12,50 € each).
    const makers = await textOf(page, 'maker-bars');
    expect(makers).toContain('Aminata12,00 €');
    expect(makers).toContain('12,50 €');
    await page.getByTestId('day-charts').scrollIntoViewIfNeeded();
    await page.getByTestId('day-charts').screenshot({ path: path.join(SCREENSHOTS, 'closing-charts.png') });
  });

  it('refuses to close while the basket at the till holds a line, and leads back to the till', async () => {
    const page = browser.page;
    await till.open('checkout');
    await till.tap('Chouchou wax');
    await till.open('closing');
    expect(await textOf(page, 'closing-basket')).toContain('Le panier de la caisse n’est pas vide : encaissez ou videz-le avant de clôturer');
    await page.getByTestId('counted-by').selectOption('Aminata');
    expect(await page.getByTestId('close-day').isDisabled()).toBe(true);
    await screenshot(page, 'closing-basket');
    await page.getByTestId('closing-to-till').click();
    expect(await till.total()).toBe('4,00 €');
    await page.getByTestId('cart-clear').click();
    await till.open('closing');
    expect(await page.getByTestId('closing-basket').count()).toBe(0);
  });

  it('counts the cash 0,50 € short after refusing a count with a letter', async () => {
    const page = browser.page;
    await page.getByTestId('count-5000').fill('1a');
    expect(await textOf(page, 'z-figures')).toBeTruthy();
    expect(await page.getByTestId('close-day').isDisabled()).toBe(true);
    // 50 + 2 × 20 + 10 + 2 + 1 + 0,50 = 103,50 €; expected 100 + 24 − 20 = 104,00 €.
    const count: [number, string][] = [[5000, '1'], [2000, '2'], [1000, '1'], [200, '1'], [100, '1'], [50, '1']];
    for (const [value, quantity] of count) await page.getByTestId(`count-${value}`).fill(quantity);
    await page.getByTestId('counted-by').selectOption('Aminata');
    // The preview is a live query over the typed count: let it catch up.
    await expect.poll(() => textOf(page, 'count-total')).toBe('103,50 €');
    await expect.poll(() => textOf(page, 'cash-expected')).toBe('104,00 €');
    await expect.poll(() => textOf(page, 'cash-difference')).toBe('-0,50 €');
    await page.getByTestId('count-total').scrollIntoViewIfNeeded();
    await screenshot(page, 'closing-count');
  });

  it('closes the day after confirmation and shows the Z with its totals', async () => {
    const page = browser.page;
    await page.getByTestId('close-day').click();
    await page.getByTestId('close-confirm').click();
    await page.getByTestId('z-report').waitFor();
    expect(await textOf(page, 'z-title')).toMatch(/^Z n° 1 — journée du \d\d\/\d\d\/\d{4}$/);
    expect(await textOf(page, 'z-total')).toBe('49,00 €');
    expect(await textOf(page, 'z-method-cash')).toBe('💶 Espèces24,00 €');
    expect(await textOf(page, 'z-method-card')).toContain('25,00 €');
    expect(await textOf(page, 'z-expected')).toBe('104,00 €');
    expect(await textOf(page, 'z-counted')).toBe('103,50 €');
    expect(await textOf(page, 'z-difference')).toBe('-0,50 €');
    expect(await textOf(page, 'z-period')).toBe('49,00 €');
    expect(await textOf(page, 'z-grand')).toBe('49,00 €');
    expect(await textOf(page, 'z-top')).toContain('Sac cabas wax');
    expect(await textOf(page, 'z-hash')).toMatch(/^[0-9a-f]{64}$/);
    // The paper Z, through the same preview as receipts.
    const paper = await textOf(page, 'receipt-preview');
    expect(paper).toContain('CLÔTURE JOURNALIÈRE (Z) n° 1');
    expect(paper).toContain('Total perpétuel TTC');
    expect(paper).toContain((await textOf(page, 'z-hash')).slice(0, 32));
    expect(await textOf(page, 'past-closings')).toContain('Z 1');
    expect(await textOf(page, 'period-totals')).toMatch(/Mois \d\d\/\d{4} \(1 journée\)49,00 €/);
    await page.getByTestId('z-report').screenshot({ path: path.join(SCREENSHOTS, 'closing-z.png') });
    // The closing also wrote a backup into the data folder.
    await expect.poll(() => textOf(page, 'closing-backup')).toBe('💾 Sauvegarde de la journée enregistrée.');
    expect(readdirSync(path.join(host.dataDir, 'backups')).filter((n) => n.startsWith('etal-sauvegarde-'))).toHaveLength(1);
  });

  it('prints the Z on the thermal printer, the same text as the preview', async () => {
    const page = browser.page;
    const job = printer.nextJob();
    await page.getByTestId('z-print').click();
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no Z reached the fake printer')), 5000));
    const paper = decodeEscPos(await Promise.race([job, timeout])).lines.map((l) => l.replace(/ +/g, ' ').trim());
    expect(paper).toContain('CLÔTURE JOURNALIÈRE (Z) n° 1');
    expect(paper).toContain('Écart -0,50 €');
    expect(paper).toContain('Total perpétuel TTC 49,00 €');
    expect(paper).toContain((await textOf(page, 'z-hash')).slice(0, 32));
    // The printed Z carries the key fingerprint the CAE notes once.
    zPaper = paper.join('\n');
    expect(zPaper).toMatch(/Clé de la caisse \(empreinte\)\n[0-9A-F]{4}( [0-9A-F]{4}){3}/);
    await page.getByTestId('print-status').waitFor();
  });

  it('verifies the journal with the float, the stall fee and the Z in it', async () => {
    const page = browser.page;
    await page.getByTestId('verify-journal').click();
    expect(await textOf(page, 'journal-result')).toContain('Journal intact : 6 opérations vérifiées');
    await screenshot(page, 'closing-journal');
  });

  it('exports the archive, which its own script verifies', async () => {
    const page = browser.page;
    await page.getByTestId('export-archive').click();
    // A period the wrong way round is refused before anything is built.
    await page.getByTestId('archive-from').fill('2026-12-31');
    await page.getByTestId('archive-to').fill('2026-01-01');
    expect(await textOf(page, 'archive-period-error')).toBe('La date de début doit être avant la date de fin.');
    expect(await page.getByTestId('archive-download').isDisabled()).toBe(true);
    // The whole journal: both dates left empty.
    await page.getByTestId('archive-from').fill('');
    await page.getByTestId('archive-to').fill('');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('archive-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^etal-archive-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.zip$/);
    expect(await textOf(page, 'archive-result')).toContain('6 opérations du journal');
    const dir = mkdtempSync(path.join(tmpdir(), 'etal-e2e-archive-'));
    try {
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      execFileSync('unzip', ['-q', file, '-d', dir]);
      const folder = path.join(dir, download.suggestedFilename().replace(/\.zip$/, ''));
      expect(execFileSync(process.execPath, [path.join(folder, 'verify.mjs')], { encoding: 'utf8' })).toMatch(/^OK: 6 entries, .*signed by Ed25519 key [0-9a-f]{64}/);
      // The key fingerprint the Z printed, in the archive's README and manifest.
      const fingerprint = /Clé de la caisse \(empreinte\)\s*([0-9A-F]{4}( [0-9A-F]{4}){3})/.exec(zPaper)?.[1] ?? 'none on the Z';
      expect(readFileSync(path.join(folder, 'README.md'), 'utf8')).toContain(`Empreinte de la clé / key fingerprint: ${fingerprint}`);
      expect(JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8'))).toMatchObject({ keyFingerprint: fingerprint });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // The export is itself journalled.
    await page.getByTestId('verify-journal').click();
    await expect.poll(() => textOf(page, 'journal-result')).toContain('Journal intact : 7 opérations vérifiées');
  });

  it('moves on to the next day: the closed day cannot be closed again', async () => {
    const page = browser.page;
    await page.getByTestId('closing-back').click();
    expect(await textOf(page, 'closing-day')).toContain('Clôture de la journée du');
    expect(await page.getByTestId('fund-input').isVisible()).toBe(true);
  });

  it('reads in English too, amounts still written the French way', async () => {
    const page = browser.page;
    await page.getByTestId('lang-en').click();
    expect(await textOf(page, 'closing-day')).toMatch(/^Closing the day of \d\d\/\d\d\/\d{4}$/);
    await page.getByTestId('closing-1').click();
    expect(await textOf(page, 'z-title')).toMatch(/^Z no\. 1 — day of /);
    expect(await textOf(page, 'z-cash')).toContain('Difference-0,50 €');
    // The paper Z is a French legal document whatever the interface language.
    expect(await textOf(page, 'receipt-preview')).toContain('CLÔTURE JOURNALIÈRE (Z) n° 1');
    await screenshot(page, 'closing-z-en');
    await page.getByTestId('lang-fr').click();
  });
});
