/** Page model for orders: what a member does on the Commandes tab, in her words, over the app's test ids. */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { textOf } from './harness';

/** A day in Europe/Paris, `days` from today, as the app's date inputs take it. */
export function parisDay(days = 0): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/Paris' }).format(at);
}

export class OrdersPage {
  constructor(readonly page: Page) {}

  async openBoard(): Promise<void> {
    await this.page.getByTestId('tab-orders').click();
    const back = this.page.getByTestId('order-back');
    if (await back.isVisible()) await back.click();
    await this.page.getByTestId('orders-board').waitFor({ state: 'attached' });
  }

  async newCustomer(fields: { name: string; organisation?: string; phone?: string; email?: string; billingAddress?: string }): Promise<void> {
    await this.page.getByTestId('customer-new').click();
    const dialog = this.page.getByTestId('customer-dialog');
    for (const [key, value] of Object.entries(fields)) await dialog.getByTestId(`customer-${key}`).fill(value);
    await dialog.getByTestId('customer-save').click();
    await this.page.getByTestId('customer-chosen').waitFor();
  }

  /** Adds a catalogue product as a line, from its picture. */
  async addProduct(name: string, quantity: string, unitPrice?: string): Promise<void> {
    await this.page.getByTestId('order-add-product').click();
    await this.page.getByTestId(`order-pick-${name}`).click();
    const line = this.page.getByTestId(`order-line-${name}`);
    await line.getByTestId('line-quantity').fill(quantity);
    if (unitPrice !== undefined) await line.getByTestId('line-price').fill(unitPrice);
  }

  async addFreeLine(index: number, line: { name: string; unit: 'piece' | 'metre' | 'kg' | 'portion'; vat: number; quantity: string; unitPrice: string }): Promise<void> {
    await this.page.getByTestId('order-add-free').click();
    const row = this.page.getByTestId(`order-line-free-${index}`);
    await row.getByTestId('line-name').fill(line.name);
    await row.getByTestId(`line-unit-${line.unit}`).click();
    await row.getByTestId(`line-vat-${line.vat}`).click();
    await row.getByTestId('line-quantity').fill(line.quantity);
    await row.getByTestId('line-price').fill(line.unitPrice);
  }

  async setDue(day: string, time = ''): Promise<void> {
    await this.page.getByTestId('order-due-day').fill(day);
    if (time) await this.page.getByTestId('order-due-time').fill(time);
  }

  /** Saves the form and waits for the order's page; returns its number. */
  async save(): Promise<string> {
    await this.page.getByTestId('order-save').click();
    await this.page.getByTestId('order-detail').waitFor();
    return textOf(this.page, 'order-number');
  }

  async moveTo(status: string, who: string): Promise<void> {
    await this.page.getByTestId(`status-who-${who}`).click();
    await this.page.getByTestId(`status-to-${status}`).click();
    await this.page.locator(`[data-testid="order-status"][data-status="${status}"]`).waitFor();
  }

  async pay(payment: { percent?: string; amount?: string; method: 'cash' | 'card' | 'cheque' | 'transfer' | 'other' }): Promise<void> {
    await this.page.getByTestId('payment-open').click();
    const form = this.page.getByTestId('payment-form');
    if (payment.percent !== undefined) {
      await form.getByTestId('payment-mode-percent').click();
      await form.getByTestId('payment-percent').fill(payment.percent);
    }
    if (payment.amount !== undefined) {
      await form.getByTestId('payment-mode-amount').click();
      await form.getByTestId('payment-amount').fill(payment.amount);
    }
    await form.getByTestId(`payment-method-${payment.method}`).click();
    await form.getByTestId('payment-save').click();
    await form.waitFor({ state: 'detached' });
  }

  /** A member taps her face and notes what she made. */
  async made(member: string, quantity: string, minutes = ''): Promise<void> {
    const form = this.page.getByTestId('contribution-form');
    await form.getByTestId(`made-who-${member}`).click();
    await form.getByTestId('made-qty').fill(quantity);
    if (minutes) await form.getByTestId('made-min').fill(minutes);
    await form.getByTestId('made-ok').click();
    await this.page.getByTestId(`by-member-${member}`).waitFor();
  }

  /** Clicks a download button and saves the file under `dir`; returns its path. */
  async download(testId: string, dir: string): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(testId).click()]);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    return file;
  }
}

/** Renders every page of a PDF to PNG with poppler's pdftoppm; returns the PNG paths in page order. */
export function renderPdf(pdf: string, outPrefix: string, dpi = 150): string[] {
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', pdf, outPrefix]);
  const dir = path.dirname(outPrefix);
  const base = path.basename(outPrefix);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The text of the first QR code found on a PNG, or null. */
export function decodeQr(png: string): string | null {
  const image = PNG.sync.read(readFileSync(png));
  const found = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  return found ? found.data : null;
}

/** pdftotext's reading of a PDF, spaces squashed. */
export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ');
}
