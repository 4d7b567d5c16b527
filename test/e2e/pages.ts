/** Page models: what a stall-holder does, in her words, over the app's test ids. */
import type { Page } from 'playwright-core';
import { openBrowser, startWebHost, textOf, type Browser, type WebHost } from './harness';

/** Étal in web mode, a fresh browser profile on it and the demo co-op loaded: where most test files start. */
export async function startDemoTill(): Promise<{ host: WebHost; browser: Browser; till: Till }> {
  const host = await startWebHost();
  const browser = await openBrowser(host.url);
  const till = new Till(browser.page);
  await browser.page.getByTestId('setup-demo').waitFor();
  await till.loadDemo();
  return { host, browser, till };
}

export class Till {
  constructor(readonly page: Page) {}

  async loadDemo(): Promise<void> {
    await this.page.getByTestId('setup-demo').click();
    await this.page.getByTestId('tile-Guirlande wax 1 m').waitFor();
  }

  async open(tab: 'checkout' | 'history' | 'closing' | 'products' | 'stock' | 'members' | 'settings'): Promise<void> {
    await this.page.getByTestId(`tab-${tab}`).click();
  }

  async tap(product: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i += 1) await this.page.getByTestId(`tile-${product}`).click();
  }

  /** Types on the on-screen keypad, key by key, as a finger would. */
  async keypad(keypadId: string, text: string): Promise<void> {
    const pad = this.page.getByTestId(keypadId);
    for (const ch of text) await pad.getByTestId(`key-${ch === ',' ? 'comma' : ch}`).click();
  }

  async tapMetres(product: string, quantity: string): Promise<void> {
    await this.tap(product);
    await this.keypad('qty-keypad', quantity);
    await this.page.getByTestId('qty-ok').click();
  }

  total(): Promise<string> {
    return textOf(this.page, 'cart-total');
  }

  async nextSale(): Promise<void> {
    await this.page.getByTestId('next-sale').click();
    await this.page.getByTestId('sale-done').waitFor({ state: 'detached' });
  }
}
