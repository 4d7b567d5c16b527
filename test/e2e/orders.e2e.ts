/**
 * The garland story from issue #9, end to end in Debian Chromium against web
 * mode: the demo co-op sets its IBAN/BIC (a wrong key is refused with its
 * reason), takes an order of 60 m of "Guirlande wax au mètre" at 12 €/m from
 * the "Associations de la Goutte d'Or" due in 5 days, downloads the quote,
 * records a 30 % deposit by transfer (216,00 €), three members log
 * 20 + 25 + 15 m (60 / 60 m), the order goes to livrée, the invoice PDF is
 * downloaded with a balance of 504 € and its EPC QR code decoded from the
 * rendered page, and the balance paid by cheque settles it (soldée).
 * Bad input: a due date in the past warns but saves (and shows late on the
 * board), a negative quantity is refused with its reason.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos, startFakePrinter, type FakePrinter } from '../fixtures/fake-printer';
import { type Browser, cleanup, openBrowser, screenshot, SCREENSHOTS, startWebHost, stopSession, textOf, type WebHost } from './harness';
import { decodeQr, OrdersPage, parisDay, pdfText, renderPdf } from './orders-pages';
import { Till } from './pages';

const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const BAD_IBAN = 'FR76 3000 6000 0112 3456 7890 188';
const BIC = 'AGRIFRPP882';
const CUSTOMER = 'Associations de la Goutte d’Or';
const GARLAND = 'Guirlande wax au mètre';
const CUSTOMER_SIRET = '732 829 320 00074';
const CUSTOMER_VAT = 'FR40303265045';

describe('orders: the 60-metre garland from quote to paid invoice', () => {
  let host: WebHost;
  let browser: Browser;
  let orders: OrdersPage;
  let files: string;
  let number = '';
  let printer: FakePrinter | undefined;
  const year = parisDay().slice(0, 4);

  beforeAll(async () => {
    host = await startWebHost();
    browser = await openBrowser(host.url);
    browser.page.setDefaultTimeout(10_000);
    orders = new OrdersPage(browser.page);
    files = mkdtempSync(path.join(tmpdir(), 'etal-e2e-orders-'));
    await new Till(browser.page).loadDemo();
  });

  afterAll(async () => {
    await stopSession(host, browser);
    if (files) cleanup(files);
    await printer?.close();
  });

  it('refuses an IBAN with a wrong key, with the reason next to the field, and saves the right one with the BIC', async () => {
    const page = browser.page;
    await new Till(page).open('settings');
    const section = page.getByTestId('settings-billing');
    await section.scrollIntoViewIfNeeded();
    await section.getByTestId('billing-iban').fill(BAD_IBAN);
    await section.getByTestId('billing-bic').fill(BIC);
    await section.getByTestId('settings-billing-save').click();
    const message = section.locator('.field-error .field-message');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/IBAN/);
    expect(await section.getByTestId('settings-billing-saved').count()).toBe(0);
    await screenshot(page, 'orders-billing-bad-iban');

    await section.getByTestId('billing-iban').fill(IBAN);
    await section.getByTestId('settings-billing-save').click();
    await section.getByTestId('settings-billing-saved').waitFor();
    expect(await section.locator('.field-error').count()).toBe(0);

    // The CAE's share capital (printed on invoices) is a setting of its own, filled in for the demo CAE.
    const cae = page.getByTestId('settings-cae');
    expect(await cae.getByTestId('cae-legal-form').inputValue()).toBe('SCOP SA');
    expect(await cae.getByTestId('cae-share-capital').inputValue()).toBe('à capital variable');
    expect(await cae.textContent()).toContain('Capital social');
    await cae.getByTestId('cae-share-capital').scrollIntoViewIfNeeded();
    await screenshot(page, 'orders-settings-cae');
  });

  it('takes the garland order: new customer, 60 m at 12 €/m due in 5 days; a negative quantity is refused with its reason', async () => {
    const page = browser.page;
    await orders.openBoard();
    expect(await textOf(page, 'orders-empty')).toContain('Pas encore de commande');
    await page.getByTestId('order-new').click();
    // The customer form says what is wrong next to the field.
    await page.getByTestId('customer-new').click();
    await page.getByTestId('customer-siret').fill('123 456 789 00012');
    await page.getByTestId('customer-email').fill('contact@');
    await page.getByTestId('customer-save').click();
    const dialog = page.getByTestId('customer-dialog');
    expect(await dialog.textContent()).toContain('À remplir');
    expect(await dialog.textContent()).toContain('Ce SIRET n’existe pas');
    expect(await dialog.textContent()).toContain('Adresse e-mail incorrecte');
    await screenshot(page, 'orders-customer-refused');
    await page.getByTestId('customer-siret').fill('');
    await page.getByTestId('customer-email').fill('');
    await dialog.getByTestId('dialog-close').click();
    // An association with a SIRET and no VAT number.
    await page.getByTestId('customer-new').click();
    for (const [key, value] of Object.entries({ name: CUSTOMER, phone: '01 42 00 00 00', billingAddress: '12 rue Polonceau, 75018 Paris', siret: CUSTOMER_SIRET })) {
      await dialog.getByTestId(`customer-${key}`).fill(value);
    }
    await dialog.getByTestId('customer-save').click();
    await page.getByTestId('customer-chosen').waitFor();
    await orders.addProduct(GARLAND, '-60');
    await orders.setDue(parisDay(5), '14:30');
    await page.getByTestId('order-save').click();
    const line = page.getByTestId(`order-line-${GARLAND}`);
    expect(await line.locator('.field-message').first().textContent()).toContain('Une quantité ne peut pas être négative');
    expect(await page.getByTestId('order-detail').count()).toBe(0);

    await line.getByTestId('line-quantity').fill('60');
    expect(await line.getByTestId('line-price').inputValue()).toBe('12,00');
    expect(await textOf(page, 'order-form-total')).toContain('720,00 €');
    expect(await page.getByTestId('order-past-due').count()).toBe(0);
    await expect.poll(() => textOf(page, 'order-cost-verdict')).toMatch(/./);
    await screenshot(page, 'orders-form');

    number = await orders.save();
    expect(number).toBe(`C-${year}-0001`);
    expect(await textOf(page, 'order-customer-name')).toContain(CUSTOMER);
    expect(await textOf(page, 'order-total')).toBe('720,00 €');
    expect(await page.getByTestId('order-status').getAttribute('data-status')).toBe('quote');
    expect(await textOf(page, 'order-remaining')).toBe('720,00 €');
  });

  it('downloads the quote as a PDF', async () => {
    const file = await orders.download('doc-quote', files);
    expect(path.basename(file)).toBe(`devis-${number}.pdf`);
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = pdfText(file);
    expect(text).toContain(number);
    expect(text).toContain('720,00');
    // The quote asks the usual 30 % up front (the default choice), in words and in its QR code.
    expect(text).toMatch(/Acompte à la commande\s+216,00/);
    const [quotePng] = renderPdf(file, path.join(SCREENSHOTS, 'orders-quote'), 200);
    expect(decodeQr(quotePng!)).toContain('\nEUR216.00\n');
  });

  it('records a 30 % deposit by transfer: 216,00 € paid, 504,00 € left', async () => {
    const page = browser.page;
    await page.getByTestId('payment-open').click();
    const form = page.getByTestId('payment-form');
    await form.getByTestId('payment-percent').fill('30');
    expect(await textOf(page, 'payment-computed')).toContain('= 216,00 €');
    await form.getByTestId('payment-method-transfer').click();
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'orders-deposit-form');
    await form.getByTestId('payment-save').click();
    await form.waitFor({ state: 'detached' });
    // The figures follow the database live (a moment after the form closes).
    await expect.poll(() => textOf(page, 'order-paid')).toBe('216,00 €');
    await expect.poll(() => textOf(page, 'order-remaining')).toBe('504,00 €');
    expect(await textOf(page, 'payment-deposit')).toContain('Virement');
  });

  it('three members log 20 + 25 + 15 m: 60 / 60 m, each one’s part shown', async () => {
    const page = browser.page;
    await orders.moveTo('confirmed', 'Aminata');
    await orders.moveTo('inProduction', 'Aminata');
    await orders.made('Aminata', '20', '600');
    await expect.poll(() => textOf(page, `progress-${GARLAND}`)).toBe('20 / 60 m');
    await orders.made('Fatoumata', '25');
    await orders.made('Mariam', '15', '450');
    await expect.poll(() => textOf(page, `progress-${GARLAND}`)).toBe('60 / 60 m');
    expect(await textOf(page, 'by-member-Aminata')).toContain('20 m · 600 min');
    expect(await textOf(page, 'by-member-Fatoumata')).toContain('25 m');
    expect(await textOf(page, 'by-member-Mariam')).toContain('15 m · 450 min');
    // A contribution cannot be negative: the reason shows, nothing is recorded.
    const form = page.getByTestId('contribution-form');
    await form.getByTestId('made-who-Nadia').click();
    await form.getByTestId('made-qty').fill('-5');
    await form.getByTestId('made-ok').click();
    expect(await form.locator('.field-message').first().textContent()).toContain('Une quantité ne peut pas être négative');
    expect(await page.getByTestId('by-member-Nadia').count()).toBe(0);
    await form.getByTestId('made-qty').fill('');
  });

  it('goes to livrée with who and when in the history, and issues the invoice: balance 504 €, EPC QR code for it', async () => {
    const page = browser.page;
    await orders.moveTo('ready', 'Fatoumata');
    await orders.moveTo('delivered', 'Fatoumata');
    const history = await textOf(page, 'status-history');
    expect(history).toContain('Livrée');
    expect(history).toContain('Fatoumata');
    expect(history).toContain('Devis');
    await page.getByTestId('order-detail').evaluate((el) => el.scrollIntoView());
    await screenshot(page, 'orders-detail');

    // The order can no longer be changed once delivered.
    expect(await page.getByTestId('order-edit').count()).toBe(0);
    // 600,00 € excl. VAT to an association with a SIRET and no VAT number: the page says to ask for it (not a refusal).
    const warning = page.getByTestId('invoice-vat-warning');
    expect(await warning.textContent()).toContain('a un SIRET mais pas de numéro de TVA');
    expect(await warning.textContent()).toMatch(/Au-dessus de 150,00\s€ HT/);
    expect(await page.getByTestId('doc-issue-invoice').isEnabled()).toBe(true);
    await page.getByTestId('order-documents').scrollIntoViewIfNeeded();
    await screenshot(page, 'orders-invoice-vat-warning');
    // The customer gives it: added from the warning, which then goes away.
    await page.getByTestId('invoice-vat-add').click();
    const customerDialog = page.getByTestId('customer-dialog');
    expect(await customerDialog.getByTestId('customer-siret').inputValue()).toBe(CUSTOMER_SIRET.replace(/ /g, ''));
    await customerDialog.getByTestId('customer-vatNumber').fill(CUSTOMER_VAT);
    await customerDialog.getByTestId('customer-save').click();
    await customerDialog.waitFor({ state: 'detached' });
    await warning.waitFor({ state: 'detached' });
    await page.getByTestId('doc-issue-invoice').click();
    const invoiceNumber = `F-${year}-0001`;
    await page.getByTestId(`invoice-${invoiceNumber}`).waitFor();
    expect(await textOf(page, `invoice-${invoiceNumber}`)).toContain('504,00 €');
    expect(await page.getByTestId('doc-issue-invoice').count()).toBe(0);

    const file = await orders.download(`doc-download-${invoiceNumber}`, files);
    expect(path.basename(file)).toBe(`facture-${invoiceNumber}.pdf`);
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = pdfText(file);
    expect(text).toContain(`FACTURE n° ${invoiceNumber}`);
    expect(text).toContain('504,00');
    // The mentions of September 2027, printed already: share capital, the customer's SIREN, goods or services.
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('SCOP SA à capital variable');
    expect(flat).toContain('SIREN 732 829 320 · SIRET 732 829 320 00074');
    expect(flat).toContain(`N° TVA ${CUSTOMER_VAT}`);
    expect(flat).toContain('Nature livraison de biens');
    const pngs = renderPdf(file, path.join(files, 'invoice'), 200);
    expect(pngs.length).toBeGreaterThan(0);
    renderPdf(file, path.join(SCREENSHOTS, 'orders-invoice'), 80);
    const payloads = pngs.map(decodeQr).filter((p): p is string => p !== null);
    expect(payloads).toHaveLength(1);
    const lines = (payloads[0] as string).split('\n');
    expect(lines.slice(0, 4)).toEqual(['BCD', '002', '1', 'SCT']);
    expect(lines[4]).toBe(BIC);
    expect(lines[6]).toBe(IBAN.replace(/ /g, ''));
    expect(lines[7]).toBe('EUR504.00');
    expect(lines.slice(8).join('\n')).toContain(invoiceNumber);
  });

  it('takes the balance by cheque: 504,00 € → soldée, nothing left to pay', async () => {
    const page = browser.page;
    await orders.pay({ amount: '504', method: 'cheque' });
    await page.locator('[data-testid="order-status"][data-status="paid"]').waitFor();
    expect(await textOf(page, 'order-status')).toContain('Soldée');
    await expect.poll(() => textOf(page, 'order-remaining')).toBe('0,00 €');
    await expect.poll(() => textOf(page, 'order-paid')).toBe('720,00 €');
    expect(await page.getByTestId('payment-open').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'orders-detail-full.png'), fullPage: true });
    // An issued invoice stays read-only: no way to edit it, only a credit note.
    expect(await page.getByTestId(`doc-credit-F-${year}-0001`).count()).toBe(1);
  });

  it('a due date in the past warns but saves, and the board shows that order late in red', async () => {
    const page = browser.page;
    await orders.openBoard();
    await page.getByTestId('order-new').click();
    await page.getByTestId(`customer-pick-${CUSTOMER}`).click();
    await orders.addFreeLine(0, { name: 'Buffet pour 40 personnes', unit: 'portion', vat: 1000, quantity: '40', unitPrice: '15' });
    // A free line is a service unless marked as an object (it says "prestation de services" on the invoice).
    expect(await page.getByTestId('order-line-free-0').getByTestId('line-nature-service').getAttribute('class')).toContain('choice-active');
    await page.getByTestId('order-line-free-0').scrollIntoViewIfNeeded();
    await screenshot(page, 'orders-form-free-line');
    await orders.setDue(parisDay(-2), '12:00');
    expect(await textOf(page, 'order-past-due')).toContain('est déjà passé');
    expect(await textOf(page, 'order-form-total')).toContain('600,00 €');
    const late = await orders.save();
    expect(late).toBe(`C-${year}-0002`);

    await orders.openBoard();
    expect(await textOf(page, 'orders-late-count')).toBe('⏰ 1 commande en retard');
    expect(await textOf(page, `order-late-${late}`)).toContain('En retard');
    // The paid garland order left the "to do" board; "Tout" shows it, soldée.
    expect(await page.getByTestId(`order-card-${number}`).count()).toBe(0);
    await page.getByTestId('orders-filter-all').click();
    expect(await page.getByTestId(`order-status-${number}`).getAttribute('data-status')).toBe('paid');
    expect(await textOf(page, `order-progress-${number}`)).toBe('60 / 60 m');
    expect(await textOf(page, `order-remaining-${number}`)).toContain('Tout est payé');
    expect(await textOf(page, `order-remaining-${late}`)).toContain('600,00 €');
  });

  it('shows a busy board: sorted by due date, late first, filters by status and customer', async () => {
    const page = browser.page;
    // A third order for another customer, due in 10 days, a confirmed one.
    await page.getByTestId('order-new').click();
    await orders.newCustomer({ name: 'Mairie du 18e', organisation: 'Ville de Paris' });
    await orders.addProduct('Sac cabas wax', '12');
    await orders.setDue(parisDay(10));
    const third = await orders.save();
    await orders.moveTo('confirmed', 'Rokia');
    await orders.openBoard();
    await page.getByTestId(`order-card-${third}`).waitFor();

    const cards = await page.locator('[data-testid^="order-card-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(cards).toEqual([`order-card-C-${year}-0002`, `order-card-${third}`]);
    await page.getByTestId('orders-filter-confirmed').click();
    expect(await page.locator('[data-testid^="order-card-"]').count()).toBe(1);
    await page.getByTestId('orders-filter-all').click();
    await page.getByTestId('orders-filter-customer').selectOption({ label: 'Mairie du 18e (Ville de Paris)' });
    const only = await page.locator('[data-testid^="order-card-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(only).toEqual([`order-card-${third}`]);
    await page.getByTestId('orders-filter-customer').selectOption('');
    await page.getByTestId('orders-filter-open').click();
    await screenshot(page, 'orders-board');
    await page.getByTestId('orders-filter-all').click();
    await page.getByTestId(`order-card-${number}`).waitFor();
    await screenshot(page, 'orders-board-all');
    // The step chips fit one line at 1280 px (a chip alone on a second line looked like a different control).
    const tops = await page.locator('[data-testid^="orders-filter-"]:not(select)').evaluateAll((els) => [...new Set(els.map((e) => Math.round(e.getBoundingClientRect().top)))]);
    expect(tops).toHaveLength(1);
  });

  it('with the garland’s recipe, the form says the loss at 9,00 €/m and the ribbon to buy', async () => {
    const page = browser.page;
    const till = new Till(page);
    await till.open('stock');
    await page.getByTestId('stock-section-materials').click();
    for (const m of [
      { name: 'Chutes de wax', unit: 'metre', cost: '0', vat: '0', stock: '30' },
      { name: 'Ruban', unit: 'metre', cost: '0,60', vat: '2000', stock: '52' },
      { name: 'Fil (bobine)', unit: 'piece', cost: '1,80', vat: '2000', stock: '20' },
    ]) {
      await page.getByTestId('material-new').click();
      await page.getByTestId('material-name').fill(m.name);
      await page.getByTestId(`material-unit-${m.unit}`).click();
      await page.getByTestId('material-cost').fill(m.cost);
      await page.getByTestId(`material-vat-${m.vat}`).click();
      await page.getByTestId('material-stock').fill(m.stock);
      await page.getByTestId('material-save').click();
      await page.getByTestId('material-dialog').waitFor({ state: 'detached' });
    }
    await till.open('products');
    await page.getByTestId(`product-row-${GARLAND}`).click();
    const recipe: [string, string][] = [
      ['Chutes de wax', '0,4'],
      ['Ruban', '1,1'],
      ['Fil (bobine)', '0,2'],
    ];
    for (const [i, [material, quantity]] of recipe.entries()) {
      await page.getByTestId('recipe-add').click();
      const value = await page.getByTestId(`recipe-material-${i}`).locator('option', { hasText: material }).getAttribute('value');
      await page.getByTestId(`recipe-material-${i}`).selectOption(value ?? '');
      await page.getByTestId(`recipe-quantity-${i}`).fill(quantity);
    }
    await page.getByTestId('recipe-minutes').fill('30');
    await page.getByTestId('product-save').click();
    await page.getByTestId('product-dialog').waitFor({ state: 'detached' });

    await orders.openBoard();
    await page.getByTestId('order-new').click();
    await page.getByTestId(`customer-pick-${CUSTOMER}`).click();
    await orders.addProduct(GARLAND, '60');
    // 60 × 6,85 € = 411,00 € cost; 600,00 € excl. VAT − 60,00 € CAE − 411,00 € = 129,00 € (21,5 %).
    expect(await textOf(page, 'order-cost-cost')).toBe('− 411,00 €');
    expect(await textOf(page, 'order-cost-margin')).toBe('129,00 € (21,5 %)');
    // 60 m × 1,1 m of ribbon = 66 m, 52 m in stock.
    expect(await textOf(page, 'order-missing')).toBe('🛒 Il manque 14 m de Ruban');
    await page.getByTestId(`order-line-${GARLAND}`).getByTestId('line-price').fill('9,00');
    expect(await textOf(page, 'order-cost-verdict')).toBe('⛔ Vous perdez 6,00 € sur cette commande');
    expect(await page.getByTestId('order-cost').getAttribute('class')).toContain('cost-loss');
    await screenshot(page, 'orders-form-loss');
    await page.getByTestId('order-form-back').click();
    await page.getByTestId('orders-board').waitFor({ state: 'attached' });
  });

  it('corrects the invoice only by a credit note with its reason; the order can then be invoiced again', async () => {
    const page = browser.page;
    await page.getByTestId('orders-filter-all').click();
    await page.getByTestId(`order-card-${number}`).click();
    const invoiceNumber = `F-${year}-0001`;
    await page.getByTestId(`doc-credit-${invoiceNumber}`).click();
    const dialog = page.getByTestId('credit-dialog');
    await dialog.getByTestId('credit-confirm').click();
    expect(await dialog.locator('.field-message').textContent()).toContain('Donnez une raison');
    await dialog.getByTestId('credit-reason').fill('Adresse de facturation erronée');
    await dialog.getByTestId('credit-confirm').click();
    const credit = `A-${year}-0001`;
    await page.getByTestId(`invoice-${credit}`).waitFor();
    expect(await textOf(page, `invoice-${credit}`)).toContain(`annule ${invoiceNumber}`);
    expect(await textOf(page, `invoice-${credit}`)).toContain('Adresse de facturation erronée');
    // The reversed invoice has no credit-note button any more; a new invoice can be made.
    expect(await page.getByTestId(`doc-credit-${invoiceNumber}`).count()).toBe(0);
    const file = await orders.download(`doc-download-${credit}`, files);
    expect(path.basename(file)).toBe(`avoir-${credit}.pdf`);
    expect(pdfText(file)).toContain(`AVOIR n° ${credit}`);
    await page.getByTestId('doc-issue-invoice').click();
    await page.getByTestId(`invoice-F-${year}-0002`).waitFor();
    // Delivered and paid: "J'ai fait" steps aside behind a button.
    expect(await page.getByTestId('contribution-form').count()).toBe(0);
    expect(await page.getByTestId('made-open').count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'orders-detail-credit.png'), fullPage: true });
  });

  it('shows the production sheet as the receipt printer would print it', async () => {
    const page = browser.page;
    await page.getByTestId('doc-sheet').click();
    const sheet = page.getByTestId('production-sheet');
    await sheet.waitFor();
    const text = ((await sheet.getByTestId('receipt-preview').textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('FICHE DE PRODUCTION');
    expect(text).toContain(number);
    expect(text).toContain('Goutte');
    expect(text).toContain('Aminata');
    await sheet.scrollIntoViewIfNeeded();
    await screenshot(page, 'orders-production-sheet');
  });

  it('changes an order not yet invoiced: the late buffet moved to next week is no longer late', async () => {
    const page = browser.page;
    const late = `C-${year}-0002`;
    await orders.openBoard();
    await page.getByTestId(`order-card-${late}`).click();
    await page.getByTestId('order-late').waitFor();
    await page.getByTestId('order-edit').click();
    await page.getByTestId('order-form').waitFor();
    expect(await page.getByTestId('order-line-free-0').getByTestId('line-quantity').inputValue()).toBe('40');
    await orders.setDue(parisDay(7), '12:00');
    expect(await page.getByTestId('order-past-due').count()).toBe(0);
    await page.getByTestId('order-customer-ref').fill('BC-2026-118');
    await page.getByTestId('order-save').click();
    await page.getByTestId('order-detail').waitFor();
    expect(await textOf(page, 'order-number')).toBe(late);
    expect(await page.getByTestId('order-late').count()).toBe(0);
    expect(await textOf(page, 'order-due')).toContain(parisDay(7).split('-').reverse().join('/'));
    expect(await textOf(page, 'order-detail')).toContain('BC-2026-118');

    await orders.openBoard();
    expect(await page.getByTestId('orders-late-count').count()).toBe(0);
    await page.getByTestId('lang-en').click();
    await page.getByTestId('order-new').getByText('New order').waitFor();
    expect(await textOf(page, `order-status-C-${year}-0003`)).toContain('Confirmed');
    await screenshot(page, 'orders-board-en');
    await page.getByTestId('lang-fr').click();
  });

  it('cancels an order only with a reason, recorded with who; it leaves the to-do board', async () => {
    const page = browser.page;
    const third = `C-${year}-0003`;
    await orders.openBoard();
    await page.getByTestId(`order-card-${third}`).click();
    await page.getByTestId('status-who-Samira').click();
    await page.getByTestId('status-to-cancelled').click();
    const dialog = page.getByTestId('cancel-dialog');
    await dialog.getByTestId('cancel-confirm').click();
    expect(await dialog.locator('.field-message').textContent()).toContain('Donnez une raison');
    await dialog.getByTestId('cancel-reason').fill('La mairie a choisi un autre fournisseur');
    await dialog.getByTestId('cancel-confirm').click();
    await page.locator('[data-testid="order-status"][data-status="cancelled"]').waitFor();
    const history = await textOf(page, 'status-history');
    expect(history).toContain('Samira');
    expect(history).toContain('La mairie a choisi un autre fournisseur');
    expect(await page.getByTestId('order-edit').count()).toBe(0);
    expect(await page.getByTestId('payment-open').count()).toBe(0);
    await orders.openBoard();
    await page.getByTestId(`order-card-C-${year}-0002`).waitFor();
    expect(await page.getByTestId(`order-card-${third}`).count()).toBe(0);
    await page.getByTestId('orders-filter-cancelled').click();
    expect(await textOf(page, `order-card-${third}`)).toContain('La mairie a choisi un autre fournisseur');
  });

  it('prints the production sheet on the thermal printer, through the receipts’ path', async () => {
    const page = browser.page;
    printer = await startFakePrinter();
    await new Till(page).open('settings');
    await page.getByTestId('printer-kind-network').click();
    await page.getByTestId('printer-host').fill('127.0.0.1');
    await page.getByTestId('printer-port').fill(String(printer.port));
    await page.getByTestId('printer-save').click();
    await page.getByTestId('printer-saved').waitFor();

    await orders.openBoard();
    await page.getByTestId('orders-filter-all').click();
    await page.getByTestId(`order-card-${number}`).click();
    await page.getByTestId('doc-sheet').click();
    const job = printer.nextJob();
    await page.getByTestId('sheet-print').click();
    const bytes = await Promise.race([job, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no job reached the fake printer')), 5000))]);
    const lines = decodeEscPos(bytes).lines.map((l) => l.replace(/ +/g, ' ').trim());
    expect(lines).toContain('FICHE DE PRODUCTION');
    expect(lines.join('\n')).toContain(number);
    expect(lines.join('\n')).toContain('Guirlande wax au mètre');
    await page.getByTestId('print-status').waitFor();
  });
});
