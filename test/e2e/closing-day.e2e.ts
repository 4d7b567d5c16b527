/**
 * A whole market day closed in Debian Chromium (issue 6): the demo co-op, a
 * 100 € float, 30 sales by cash, card and cheque, 2 of them cancelled, a 20 €
 * stall fee out of the drawer, the cash counted 0,50 € short with the
 * note-and-coin helper, the day closed; the Z on screen must say what was
 * sold (ticket and cancellation counts, totals by method and by VAT rate,
 * cash expected vs counted); a second window about to close the same day
 * cannot make a second Z; the journal verifies.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DENOMINATIONS } from '../../shared/closing';
import { formatMoney, formatRate } from '../../shared/format';
import { vatSplit } from '../../shared/money';
import { DEMO_PRODUCTS } from '../../shared/demo';
import { type Browser, screenshot, SCREENSHOTS, stopSession, textOf, type WebHost } from './harness';
import { startDemoTill, type Till } from './pages';

/** Text as read on screen: no-break spaces become plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const money = (cents: number) => plain(formatMoney(cents));

type Method = 'cash' | 'card' | 'cheque';
const PRODUCTS = ['Guirlande wax 1 m', 'Sac cabas wax', 'Trousse wax', 'Chouchou wax', 'Bandeau wax', 'Bracelet wax', 'Étoile de Noël wax', 'Boule de sapin wax', 'Set de table wax', 'Coupon wax 50 cm'];
const METHODS: Method[] = ['cash', 'card', 'cash', 'cheque', 'card'];

/** 30 tickets: product i mod 10, 1 or 2 of it, methods in turn. */
const SALES = Array.from({ length: 30 }, (_, i) => {
  const name = PRODUCTS[i % PRODUCTS.length] as string;
  const product = DEMO_PRODUCTS.find((p) => p.name === name);
  if (!product) throw new Error(name);
  const quantity = 1 + (i % 2);
  return { ticket: i + 1, name, quantity, method: METHODS[i % METHODS.length] as Method, ttc: product.price * quantity, vatRate: product.vatRate };
});
/** Ticket 3 (cash) and ticket 7 (card) are cancelled. */
const CANCELLED = [3, 7];

/** Greedy note-and-coin split of an amount, as a person would lay the cash out. */
function notesAndCoins(amount: number): [number, number][] {
  const out: [number, number][] = [];
  let left = amount;
  for (const value of DENOMINATIONS) {
    const n = Math.floor(left / value);
    if (n > 0) out.push([value, n]);
    left -= n * value;
  }
  return out;
}

describe('a market day of 30 sales closed with its Z', () => {
  let host: WebHost;
  let browser: Browser;
  let till: Till;

  // What the Z must say, from what is sold below.
  const kept = SALES.filter((s) => !CANCELLED.includes(s.ticket));
  const sum = (list: typeof SALES, f: (s: (typeof SALES)[number]) => number) => list.reduce((a, s) => a + f(s), 0);
  const total = sum(kept, (s) => s.ttc);
  const byMethod = (m: Method) => sum(kept.filter((s) => s.method === m), (s) => s.ttc);
  // HT and VAT are split per ticket (a cancellation negates its ticket's split).
  const ht = sum(kept, (s) => vatSplit([{ total: s.ttc, vatRate: s.vatRate }]).ht);
  const expectedCash = 10000 + byMethod('cash') - 2000;
  const counted = expectedCash - 50;
  /** The closed day as shown, dd/mm/yyyy. */
  let zDay = '';

  beforeAll(async () => {
    ({ host, browser, till } = await startDemoTill());
  });

  afterAll(async () => {
    await stopSession(host, browser);
  });

  it('opens the day with 100 € and sells 30 tickets by cash, card and cheque', async () => {
    const page = browser.page;
    await till.open('closing');
    await page.getByTestId('fund-input').fill('100');
    await page.getByTestId('fund-open').click();
    await page.getByTestId('fund-amount').waitFor();
    await till.open('checkout');
    for (const sale of SALES) {
      await till.tap(sale.name, sale.quantity);
      await page.getByTestId(`pay-${sale.method}`).click();
      if (sale.method === 'cash') await page.getByTestId('cash-exact').click();
      await page.getByTestId('pay-confirm').click();
      await till.nextSale();
    }
    await till.open('history');
    await page.getByTestId('sale-30').waitFor();
    expect(await textOf(page, 'day-total')).toBe(money(sum(SALES, (s) => s.ttc)));
  });

  it('cancels two tickets with a reason', async () => {
    const page = browser.page;
    for (const [i, ticket] of CANCELLED.entries()) {
      await page.getByTestId(`sale-${ticket}`).click();
      await page.getByTestId('cancel-sale').click();
      await page.getByTestId('cancel-reason').fill('Erreur de saisie');
      await page.getByTestId('cancel-confirm').click();
      await page.getByTestId(`sale-${31 + i}`).waitFor();
      await page.getByTestId('sale-dialog').waitFor({ state: 'detached' });
    }
    expect(await textOf(page, 'day-total')).toBe(money(total));
  });

  it('pays the 20 € stall fee out of the drawer and counts the cash 0,50 € short', async () => {
    const page = browser.page;
    await till.open('closing');
    await page.getByTestId('move-out').click();
    await page.getByTestId('reason-stallFee').click();
    await page.getByTestId('move-amount').fill('20');
    await page.getByTestId('move-record').click();
    await page.getByTestId('movements').waitFor();
    for (const [value, n] of notesAndCoins(counted)) await page.getByTestId(`count-${value}`).fill(String(n));
    await page.getByTestId('counted-by').selectOption('Aminata');
    await expect.poll(() => textOf(page, 'count-total')).toBe(money(counted));
    await expect.poll(() => textOf(page, 'cash-expected')).toBe(money(expectedCash));
    await expect.poll(() => textOf(page, 'cash-difference')).toBe('-0,50 €');
  });

  it('closes the day: the Z says what was sold, by method and VAT rate, and the cash', async () => {
    const page = browser.page;
    // A second window on the same till, about to close the same day.
    const other = await browser.context.newPage();
    await other.goto(host.url);
    await other.getByTestId('tab-closing').click();
    await other.getByTestId('counted-by').selectOption('Fatoumata');
    await other.getByTestId('close-day').click();
    await other.getByTestId('close-confirm').waitFor();

    await page.getByTestId('close-day').click();
    await page.getByTestId('close-confirm').click();
    await page.getByTestId('z-report').waitFor();
    const title = await textOf(page, 'z-title');
    expect(title).toMatch(/^Z n° 1 — journée du \d\d\/\d\d\/\d{4}$/);
    const closedDay = title.slice(-10);
    zDay = closedDay;
    const figures = await textOf(page, 'z-figures');
    expect(figures).toContain('30 ventes · 2 annulations');
    expect(await textOf(page, 'z-total')).toBe(money(total));
    expect(await textOf(page, 'z-method-cash')).toBe(`💶 Espèces${money(byMethod('cash'))}`);
    expect(await textOf(page, 'z-method-card')).toContain(money(byMethod('card')));
    expect(await textOf(page, 'z-method-cheque')).toContain(money(byMethod('cheque')));
    expect(byMethod('cash') + byMethod('card') + byMethod('cheque')).toBe(total);
    const vatRows = await page.getByTestId('z-report').locator('.vat-table tbody tr').allTextContents();
    expect(vatRows.map(plain)).toEqual([`${plain(formatRate(2000))}${money(ht)}${money(total - ht)}${money(total)}`]);
    expect(await textOf(page, 'z-expected')).toBe(money(expectedCash));
    expect(await textOf(page, 'z-counted')).toBe(money(counted));
    expect(await textOf(page, 'z-difference')).toBe('-0,50 €');
    expect(await textOf(page, 'z-grand')).toBe(money(total));
    expect(await textOf(page, 'receipt-preview')).toContain('Tickets n° 1 à 32');
    await page.getByTestId('z-report').scrollIntoViewIfNeeded();
    await screenshot(page, 'closing-day-z');
    // The same Z as a PDF, read back by poppler.
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('z-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe(`etal-Z-0001-${closedDay.split('/').reverse().join('-')}.pdf`);
    const pdfFile = path.join(SCREENSHOTS, 'closing-day-z.pdf');
    await pdf.saveAs(pdfFile);
    const pdfText = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }).replace(/[ \u00a0]+/g, ' ');
    expect(pdfText).toContain('CLÔTURE JOURNALIÈRE (Z) n° 1');
    expect(pdfText).toContain(`TOTAL TTC ${money(total)}`);
    expect(pdfText).toContain('Écart -0,50 €');

    // The other window cannot make a second Z: its confirmation is gone, it now offers the next day.
    await other.getByTestId('close-confirm').waitFor({ state: 'detached' });
    await expect.poll(() => textOf(other, 'closing-day')).toMatch(/^Clôture de la journée du /);
    expect(await textOf(other, 'closing-day')).not.toContain(closedDay);
    expect(await other.getByTestId('past-closings').locator('li').count()).toBe(1);
    await other.close();
  });

  it('refuses a second Z for the day and verifies the journal', async () => {
    const page = browser.page;
    await page.getByTestId('closing-back').click();
    // The next day is offered, the closed one is not; the list holds one Z.
    expect(await textOf(page, 'closing-day')).toMatch(/^Clôture de la journée du /);
    expect(await textOf(page, 'closing-day')).not.toContain((await textOf(page, 'closing-1')).match(/\d\d\/\d\d\/\d{4}/)?.[0] ?? 'no date');
    expect(await page.getByTestId('past-closings').locator('li').count()).toBe(1);
    await page.getByTestId('verify-journal').click();
    // Float, 30 sales, 2 cancellations, the stall fee, the Z.
    expect(await textOf(page, 'journal-result')).toContain('Journal intact : 36 opérations vérifiées');
    await screenshot(page, 'closing-day-journal');
  });

  it('exports the archive of that day only, signed', async () => {
    const page = browser.page;
    const iso = zDay.split('/').reverse().join('-');
    await page.getByTestId('export-archive').click();
    await page.getByTestId('archive-from').fill(iso);
    await page.getByTestId('archive-to').fill(iso);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('archive-download').click()]);
    expect(download.suggestedFilename()).toBe(`etal-archive-${iso}-${iso}.zip`);
    expect(await textOf(page, 'archive-result')).toContain('36 opérations du journal');
  });

  it('closes the month once it is over: one monthly closing summing its Z, with the perpetual total', async () => {
    const page = browser.page;
    const [, mm, yyyy] = zDay.split('/').map(Number) as [number, number, number];
    // The 2nd of the next month, 10:00 in Paris.
    await page.clock.setFixedTime(new Date(Date.UTC(yyyy, mm, 2, 9)));
    await page.reload();
    await till.open('closing');
    const month = `${String(mm).padStart(2, '0')}/${yyyy}`;
    expect(await textOf(page, 'close-month')).toBe(`🔒 Clôturer le mois ${month}`);
    await page.getByTestId('close-month').click();
    await page.getByTestId('period-closed-by').selectOption('Aminata');
    await page.getByTestId('close-period-confirm').click();
    await page.getByTestId('z-report').waitFor();
    expect(await textOf(page, 'z-title')).toBe(`Clôture mensuelle n° 1 — ${month}`);
    expect(await textOf(page, 'z-figures')).toContain('30 ventes · 2 annulations');
    expect(await textOf(page, 'z-total')).toBe(money(total));
    expect(await textOf(page, 'z-period')).toBe(money(total));
    expect(await textOf(page, 'z-grand')).toBe(money(total));
    expect(await textOf(page, 'z-difference')).toBe('-0,50 €');
    const paper = await textOf(page, 'receipt-preview');
    expect(paper).toContain('CLÔTURE MENSUELLE n° 1');
    expect(paper).toContain('Z n° 1 à 1 (1 journée)');
    expect(await textOf(page, 'period-closings')).toContain('M 1');
    await page.getByTestId('z-report').screenshot({ path: `${SCREENSHOTS}/closing-month.png` });
    // Closed once: the button is gone; the journal holds it (35 + the archive export + the month).
    await page.getByTestId('closing-back').click();
    expect(await page.getByTestId('close-month').count()).toBe(0);
    await page.getByTestId('period-closings').scrollIntoViewIfNeeded();
    await page.locator('section', { has: page.getByTestId('period-closings') }).screenshot({ path: `${SCREENSHOTS}/closing-periods.png` });
    await page.getByTestId('verify-journal').click();
    expect(await textOf(page, 'journal-result')).toContain('Journal intact : 38 opérations vérifiées');
  });
});
