/** Page model for the "Partage" tab (payout issue): what a member does there, over its test ids. */
import type { Page } from 'playwright-core';
import { textOf } from './harness';
import type { Till } from './pages';

/** Text as read: French no-break spaces become plain spaces. */
export function plain(text: string | null): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
}

/** "1 227,50 €" / "−12,00 €" → cents, as the screen shows it. */
export function cents(text: string): number {
  const cleaned = text.replace(/[\s\u00a0\u202f€✓]/g, '').replace('\u2212', '-');
  const match = /^(-?)(\d+),(\d{2})$/.exec(cleaned);
  if (!match) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  const value = Number(match[2]) * 100 + Number(match[3]);
  return match[1] ? -value : value;
}

/** One sale paid in exact cash: the products tapped once each (repeat a name to tap it twice). */
export async function sellForCash(till: Till, products: readonly string[]): Promise<void> {
  await till.page.getByTestId('tab-checkout').click();
  for (const product of products) await till.tap(product);
  for (const id of ['pay-cash', 'cash-exact', 'pay-confirm']) await till.page.getByTestId(id).click();
  await till.page.getByTestId('sale-done').waitFor();
  await till.nextSale();
}

export type ChargeInput = {
  category: 'stallFee' | 'materials' | 'transport' | 'packaging' | 'other';
  label: string;
  amount: string;
  vat?: '2000' | '1000' | '550' | '210' | '0';
  paidBy?: string;
};

/** In Stock: a new material, then a purchase of it paid by the co-op (it must show once among the expenses). */
export async function buyMaterial(page: Page, m: { name: string; cost: string; quantity: string; amount: string }): Promise<void> {
  await page.getByTestId('tab-stock').click();
  await page.getByTestId('stock-section-materials').click();
  await page.getByTestId('material-new').click();
  await page.getByTestId('material-name').fill(m.name);
  await page.getByTestId('material-unit-piece').click();
  await page.getByTestId('material-cost').fill(m.cost);
  await page.getByTestId('material-vat-2000').click();
  await page.getByTestId('material-save').click();
  await page.getByTestId('material-dialog').waitFor({ state: 'detached' });
  await page.getByTestId(`material-buy-${m.name}`).click();
  await page.getByTestId('purchase-quantity').fill(m.quantity);
  await page.getByTestId('purchase-amount').fill(m.amount);
  await page.getByTestId('purchase-vat-2000').click();
  await page.getByTestId('paid-by-coop').click();
  await page.getByTestId('purchase-save').click();
  await page.getByTestId('purchase-dialog').waitFor({ state: 'detached' });
}

export class Partage {
  constructor(readonly page: Page) {}

  async open(section: 'share' | 'charges' | 'shifts'): Promise<void> {
    await this.page.getByTestId('tab-payout').click();
    await this.page.getByTestId(`payout-section-${section}`).click();
  }

  /** Fills the expense form; returns without saving when `save` is false (to look at refusals). */
  async fillCharge(c: ChargeInput): Promise<void> {
    await this.page.getByTestId(`charge-category-${c.category}`).click();
    await this.page.getByTestId('charge-label').fill(c.label);
    await this.page.getByTestId('charge-amount').fill(c.amount);
    if (c.vat) await this.page.getByTestId(`charge-vat-${c.vat}`).click();
    await this.page.getByTestId(c.paidBy ? `charge-paid-${c.paidBy}` : 'charge-paid-coop').click();
  }

  async addCharge(c: ChargeInput): Promise<void> {
    await this.page.getByTestId('charge-new').click();
    await this.fillCharge(c);
    await this.page.getByTestId('charge-save').click();
    await this.page.getByTestId('charge-dialog').waitFor({ state: 'detached' });
  }

  async addShift(member: string, hours: string): Promise<void> {
    await this.page.getByTestId(`shift-member-${member}`).click();
    await this.page.getByTestId('shift-hours').fill(hours);
    await this.page.getByTestId('shift-save').click();
    await this.page.getByTestId('shift-notice').waitFor();
  }

  async setPeriod(from: string, to: string): Promise<void> {
    await this.page.getByTestId('period-from').fill(from);
    await this.page.getByTestId('period-to').fill(to);
  }

  async amount(testId: string): Promise<number> {
    return cents(await textOf(this.page, testId));
  }

  /** Each member's amount in a rule's column, in screen order: [name, cents]. */
  async column(rule: 'equal' | 'hours' | 'made'): Promise<[string, number][]> {
    const rows = this.page.getByTestId('payout-compare').locator('tbody tr');
    const out: [string, number][] = [];
    for (let i = 0; i < (await rows.count()); i += 1) {
      const row = rows.nth(i);
      const name = ((await row.locator('.compare-name').textContent()) ?? '').trim();
      out.push([name, cents((await row.locator(`[data-rule="${rule}"] .compare-amount`).textContent()) ?? '')]);
    }
    return out;
  }
}
