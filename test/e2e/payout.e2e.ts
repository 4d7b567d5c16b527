/**
 * The payout, end to end in Chromium: demo co-op, three tickets at the till,
 * DOMAIN.md's 60 m garland order made by three members and invoiced
 * (720,00 € incl. VAT), thread bought in Stock, a stall fee and a ribbon
 * paid by Aminata, stall
 * hours; the three rules
 * side by side (each column adds up to "À partager" to the cent), a mix that
 * does not make 100 % refused, equal shares chosen, Aminata's statement,
 * the export for the CAE read back from disk (papaparse: BOM, columns,
 * French decimals, total = screen), the warning once the exported period
 * changes, and a period without sales refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, screenshot, stopSession, textOf, type WebHost } from './harness';
import { OrdersPage, parisDay } from './orders-pages';
import { buyMaterial, cents, Partage, plain, sellForCash } from './payout-pages';
import { startDemoTill, type Till } from './pages';

const MEMBERS = ['Aminata', 'Fatoumata', 'Mariam', 'Nadia', 'Rokia', 'Samira', 'Hawa', 'Leïla'];

describe('sharing the revenue between members, end to end', () => {
  let host: WebHost;
  let browser: Browser;
  let till: Till;
  let partage: Partage;
  const page = () => browser.page;
  let toShare = 0;

  beforeAll(async () => {
    ({ host, browser, till } = await startDemoTill());
    partage = new Partage(browser.page);
  });

  afterAll(async () => {
    await stopSession(host, browser);
  });

  it('sells three tickets at the till (144,00 € incl. VAT)', async () => {
    await sellForCash(till, ['Sac cabas wax', 'Sac cabas wax']);
    await sellForCash(till, ['Guirlande lumineuse', 'Guirlande lumineuse', 'Guirlande wax 1 m', 'Guirlande wax 1 m']);
    await sellForCash(till, ['Trousse wax', 'Coupon wax 50 cm']);
  });

  it('takes the 60 m garland order, three members make it (20 + 25 + 15 m), it is delivered and invoiced (720,00 €)', async () => {
    const orders = new OrdersPage(page());
    await orders.openBoard();
    await page().getByTestId('order-new').click();
    await orders.newCustomer({ name: 'Théâtre de la Goutte d’Or' });
    await orders.addProduct('Guirlande wax au mètre', '60');
    await orders.setDue(parisDay(5));
    await orders.save();
    await orders.moveTo('confirmed', 'Aminata');
    await orders.moveTo('inProduction', 'Aminata');
    await orders.made('Aminata', '20', '600');
    await orders.made('Fatoumata', '25');
    await orders.made('Mariam', '15', '450');
    await orders.moveTo('ready', 'Fatoumata');
    await orders.moveTo('delivered', 'Fatoumata');
    await page().getByTestId('doc-issue-invoice').click();
    const invoice = `invoice-F-${parisDay().slice(0, 4)}-0001`;
    await page().getByTestId(invoice).waitFor();
    expect(await textOf(page(), invoice)).toContain('720,00 €');
  });

  it('records expenses, refusing a missing or zero amount next to the field; a material bought in Stock shows once, read-only', async () => {
    await partage.open('charges');
    await page().getByTestId('charges-empty').waitFor();

    await page().getByTestId('charge-new').click();
    await partage.fillCharge({ category: 'materials', label: 'Ruban', amount: '' });
    await page().getByTestId('charge-save').click();
    expect(await page().getByTestId('charge-dialog').locator('.field-error').first().textContent()).toContain('À remplir');
    await page().getByTestId('charge-amount').fill('0');
    await page().getByTestId('charge-save').click();
    expect(await page().getByTestId('charge-dialog').textContent()).toContain('Le montant doit être supérieur à 0');
    await page().getByTestId('dialog-close').click();
    await page().getByTestId('charges-empty').waitFor();

    await partage.addCharge({ category: 'stallFee', label: 'Place marché de Noël', amount: '30', vat: '2000' });
    await page().getByTestId('charge-new').click();
    await partage.fillCharge({ category: 'materials', label: 'Ruban', amount: '12,00', vat: '2000', paidBy: 'Aminata' });
    expect(await textOf(page(), 'charge-reimburse-note')).toContain('Aminata a payé');
    await screenshot(page(), 'payout-charge-dialog');
    await page().getByTestId('charge-save').click();
    await page().getByTestId('charge-dialog').waitFor({ state: 'detached' });

    expect(await textOf(page(), 'charge-amount-Ruban')).toBe('12,00 €');
    expect(await textOf(page(), 'charge-payer-Ruban')).toContain('à rembourser à Aminata');
    expect(await textOf(page(), 'charges-total')).toBe('Total : 42,00 € · dont 12,00 € à rembourser');

    // A slip is corrected or deleted from its row.
    await partage.addCharge({ category: 'transport', label: 'Taxi en double', amount: '15' });
    await page().getByTestId('charge-row-Taxi en double').locator('button').click();
    expect(await page().getByTestId('charge-amount').inputValue()).toBe('15,00');
    await page().getByTestId('charge-delete').click();
    await page().getByTestId('charge-dialog').waitFor({ state: 'detached' });
    expect(await page().getByTestId('charge-row-Taxi en double').count()).toBe(0);

    await buyMaterial(page(), { name: 'Fil', cost: '1,20', quantity: '5', amount: '6,00' });
    await partage.open('charges');
    // The list fills from a live query: wait for the purchase's row before counting.
    await page().getByTestId('charge-row-Fil').waitFor();
    expect(await page().getByTestId('charge-row-Fil').count()).toBe(1);
    expect(await textOf(page(), 'charge-row-Fil')).toContain('achat de matière');
    expect(await page().getByTestId('charge-row-Fil').locator('button').count()).toBe(0);
    expect(await textOf(page(), 'charges-total')).toBe('Total : 48,00 € · dont 12,00 € à rembourser');
    await screenshot(page(), 'payout-charges');
  });

  it('records stall hours (6 h for Aminata, 2,5 h for Nadia)', async () => {
    await partage.open('shifts');
    await page().getByTestId('shift-save').click();
    expect(await page().getByTestId('shift-form').textContent()).toContain('Choisissez qui a tenu le stand');
    await partage.addShift('Aminata', '6');
    await partage.addShift('Nadia', '2,5');
    expect(await textOf(page(), 'shift-notice')).toContain('Nadia : 2 h 30');
    expect(await page().getByTestId('shifts-list').locator('li').count()).toBe(2);
  });

  it('shows the figures in plain words and the three rules side by side, each adding up to the cent', async () => {
    await partage.open('share');
    await page().getByTestId('payout-compare').waitFor();
    const sales = await partage.amount('sum-sales-amount');
    const orders = await partage.amount('sum-orders-amount');
    const charges = await partage.amount('sum-charges-amount');
    const cae = await partage.amount('sum-cae-amount');
    toShare = await partage.amount('sum-to-share-amount');
    // Each ticket's HT at 20 %: 41,67 + 61,67 + 16,67.
    expect(sales).toBe(12001);
    // The invoice: 720,00 € incl. 20 % VAT.
    expect(orders).toBe(60000);
    // 30,00, 12,00 and the thread's 6,00 incl. 20 % VAT.
    expect(charges).toBe(4000);
    // 10 % of 720,01 €.
    expect(cae).toBe(7200);
    expect(toShare).toBe(sales + orders - charges - cae);
    expect(toShare).toBe(60801);
    expect(await textOf(page(), 'sum-vat')).toContain('Ventes TTC : 864,00 €');
    expect(await textOf(page(), 'sum-orders')).toContain('1 facture');

    for (const rule of ['equal', 'hours', 'made'] as const) {
      const column = await partage.column(rule);
      expect(column.map(([name]) => name)).toEqual(MEMBERS);
      expect(column.reduce((s, [, c]) => s + c, 0), rule).toBe(toShare);
    }
    // 60 801 cents / 8: the first in member order gets the extra cent.
    expect((await partage.column('equal')).map(([, c]) => c)).toEqual([7601, 7600, 7600, 7600, 7600, 7600, 7600, 7600]);
    // Hours: Aminata 10 h on the order + 6 h at the stall, Mariam 7 h 30, Nadia 2 h 30 at the stall (26 h in all).
    const hours = new Map(await partage.column('hours'));
    expect(hours.get('Aminata')).toBe(37416);
    expect(hours.get('Mariam')).toBe(17539);
    expect(hours.get('Nadia')).toBe(5846);
    expect(hours.get('Fatoumata')).toBe(0);
    expect(await textOf(page(), 'compare-hours-Aminata')).toContain('16 h de travail');
    // What each made: the order's 600,00 € HT by metres made (20 / 25 / 15), plus the tickets' makers.
    const made = new Map(await partage.column('made'));
    expect(made.get('Leïla')).toBe(0);
    expect(made.get('Mariam')).toBeGreaterThan(0);
    expect(await textOf(page(), 'compare-made-Mariam')).toContain('150,00 € de ventes');
    expect(await textOf(page(), 'compare-made-Leïla')).toContain('0,00 € de ventes');

    // The whole comparison screen (period, figures, three columns) in one picture.
    await page().setViewportSize({ width: 1280, height: 1480 });
    await page().evaluate(() => window.scrollTo(0, 0));
    await screenshot(page(), 'payout-compare');
    await page().setViewportSize({ width: 1280, height: 800 });
  });

  it('refuses a mix that does not make 100 %, with the reason', async () => {
    await page().getByTestId('mix-open').click();
    await page().getByTestId('mix-equal').fill('50');
    await page().getByTestId('mix-hours').fill('30');
    await page().getByTestId('mix-made').fill('10');
    expect(await textOf(page(), 'mix-sum')).toBe('Total : 90 % — ⚠ Les parts doivent faire 100 % en tout');
    expect(await page().getByTestId('choose-mix').isDisabled()).toBe(true);
    await page().getByTestId('payout-mix').screenshot({ path: 'test/e2e/screenshots/payout-mix-refused.png' });
    await page().getByTestId('mix-hours').fill('0');
    await page().getByTestId('mix-made').fill('50');
    expect(await textOf(page(), 'mix-sum')).toBe('Total : 100 % ✓');
    await page().getByTestId('choose-mix').click();
    const detail = page().getByTestId('payout-detail');
    await detail.waitFor();
    expect(plain(await detail.locator('h2').textContent())).toContain('50 % Parts égales + 50 % Selon ce que chacune a fait');
  });

  it('chooses equal shares: each member sees her amount, Aminata her reimbursement, and her one-page statement', async () => {
    await page().getByTestId('choose-equal').click();
    expect(plain(await page().getByTestId('payout-detail').locator('h2').textContent())).toBe('⚖️ Le partage : Parts égales');
    // 76,01 € share + 12,00 € ribbon paid back.
    expect(await partage.amount('detail-Aminata-amount')).toBe(7601 + 1200);
    expect(await textOf(page(), 'detail-Aminata-reimburse')).toBe('76,01 € de part + 12,00 € de dépenses remboursées');
    expect(await partage.amount('detail-Leïla-amount')).toBe(7600);
    expect(cents((await textOf(page(), 'detail-total')).replace('Total à verser :', ''))).toBe(toShare + 1200);

    await page().getByTestId('statement-open-Aminata').click();
    await page().getByTestId('statement-sheet').waitFor();
    expect(await textOf(page(), 'statement-dialog')).toContain('La fiche de Aminata');
    expect(await partage.amount('statement-amount')).toBe(7601 + 1200);
    expect(await textOf(page(), 'statement-sheet')).toContain('76,01 €');
    await screenshot(page(), 'payout-statement');
    await page().getByTestId('statement-save').click();
    const saved = await textOf(page(), 'statement-saved');
    const pdfPath = saved.replace(/^Enregistrée : /, '');
    expect(pdfPath).toMatch(/-Aminata\.pdf$/);
    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page().getByTestId('dialog-close').click();
  });

  it('exports for the CAE: one zip downloads with the CSV, XLSX and PDF, the CSV reads back with the screen’s total', async () => {
    const [download] = await Promise.all([page().waitForEvent('download', { timeout: 20_000 }), page().getByRole('button', { name: /Exporter pour la CAE/ }).click()]);
    const zipName = download.suggestedFilename();
    expect(zipName).toMatch(/\.zip$/);
    const done = page().getByTestId('payout-export-done');
    await done.waitFor({ timeout: 20_000 });
    expect(plain(await done.textContent())).toContain(`Téléchargé : ${zipName}`);
    const zipPath = path.join(browser.profileDir, zipName);
    await download.saveAs(zipPath);
    const entries = unzipSync(readFileSync(zipPath));
    const stem = zipName.replace(/\.zip$/, '');
    expect(Object.keys(entries).sort()).toEqual([`${stem}.csv`, `${stem}.pdf`, `${stem}.xlsx`]);
    expect(Buffer.from(entries[`${stem}.pdf`] ?? []).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Nothing is left behind on the host's side in web mode.
    expect(existsSync(path.join(host.dataDir, 'exports', `${stem}.csv`))).toBe(false);
    await done.scrollIntoViewIfNeeded();
    await screenshot(page(), 'payout-exported');

    const bytes = Buffer.from(entries[`${stem}.csv`] ?? []);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const parsed = Papa.parse<string[]>(text, { delimiter: ';', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header = [], ...rows] = parsed.data;
    const col = (name: RegExp) => {
      const i = header.findIndex((h) => name.test(h));
      expect(i, `column ${String(name)} in ${header.join(' | ')}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const member = col(/membre/i);
    const start = col(/début/i);
    const amount = col(/montant à (distribuer|partager)/i);
    const total = col(/total à (payer|verser)/i);
    const code = col(/analytique/i);
    const memberRows = rows.filter((r) => MEMBERS.includes(r[member] ?? ''));
    expect(memberRows.map((r) => r[member])).toEqual(MEMBERS);
    for (const r of memberRows) {
      expect(r[start]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(r[amount]).toMatch(/^-?\d+,\d{2}$/);
      expect(r[code]).toBe('FLASH-WAX-2026');
    }
    const csvCents = (s: string | undefined) => cents(s ?? '');
    expect(memberRows.reduce((s, r) => s + csvCents(r[amount]), 0)).toBe(toShare);
    expect(csvCents(memberRows[0]?.[total])).toBe(7601 + 1200);
    const totalRow = rows.find((r) => r[member] === 'Total');
    expect(csvCents(totalRow?.[amount])).toBe(toShare);
  });

  it('warns once the exported period changes (a new sale)', async () => {
    await page().getByTestId('payout-already-exported').waitFor();
    await sellForCash(till, ['Chouchou wax']);
    await partage.open('share');
    expect(await textOf(page(), 'payout-changed-since-export')).toContain('ses chiffres ont changé depuis');
  });

  it('refuses to export a period without sales, saying why', async () => {
    await partage.setPeriod('2020-01-01', '2020-01-31');
    expect(await textOf(page(), 'payout-no-sales')).toContain('Aucune vente sur cette période');
    await page().getByTestId('choose-equal').click();
    expect(await page().getByTestId('payout-export-button').isDisabled()).toBe(true);
    expect(await textOf(page(), 'payout-export-refused')).toBe('🚫 Export impossible : aucune vente sur cette période.');
    await partage.setPeriod('2020-02-01', '2020-01-01');
    expect(await textOf(page(), 'period-error')).toContain('Le dernier jour est avant le premier');
  });

  it('still pays an archived member, marked; a charge above the turnover is shown and exported only once confirmed', async () => {
    await till.open('members');
    await page().getByTestId('member-archive-Rokia').click();
    await page().getByTestId('member-archived-banner').waitFor();
    await partage.open('charges');
    await partage.addCharge({ category: 'other', label: 'Tonnelle', amount: '2000', vat: '2000' });
    await partage.open('share');
    expect(await textOf(page(), 'compare-row-Rokia')).toContain('archivée');
    expect(await textOf(page(), 'payout-negative')).toContain('il manque');
    expect(await partage.amount('sum-to-share-amount')).toBeLessThan(0);
    await page().getByTestId('choose-equal').click();
    expect(await textOf(page(), 'payout-warning-archived')).toContain('Rokia');
    expect(await partage.amount('detail-Rokia-amount')).toBeLessThan(0);
    await page().evaluate(() => window.scrollTo(0, 0));
    await screenshot(page(), 'payout-negative');
    for (const rule of ['equal', 'hours', 'made'] as const) {
      expect((await partage.column(rule)).reduce((s, [, c]) => s + c, 0)).toBe(await partage.amount('sum-to-share-amount'));
    }

    await page().getByTestId('payout-export-button').click();
    await page().getByTestId('payout-negative-confirm').waitFor();
    await page().getByTestId('payout-negative-cancel').click();
    expect(await page().getByTestId('payout-export-done').count()).toBe(0);
    await page().getByTestId('payout-export-button').click();
    await page().getByTestId('payout-negative-ok').click();
    await page().getByTestId('payout-export-done').waitFor({ timeout: 20_000 });
  });

  it('reads in English too (no raw keys), figures still written the French way', async () => {
    await page().getByTestId('lang-en').click();
    await partage.open('share');
    expect(await textOf(page(), 'payout-compare')).toContain('Compare the 3 ways of sharing');
    const screen = await textOf(page(), 'payout-screen');
    expect(screen).not.toMatch(/payout\.[a-z]/);
    expect(await textOf(page(), 'sum-to-share')).toMatch(/To share-?[\d ]+,\d{2} €/);
    await page().getByTestId('choose-made').click();
    expect(await textOf(page(), 'payout-detail')).not.toMatch(/payout\.[a-z]/);
    await screenshot(page(), 'payout-english');
    await page().getByTestId('lang-fr').click();
  });
});
