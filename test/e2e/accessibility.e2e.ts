/**
 * axe-core on every main screen, in French and in Arabic (issue 14, item 9):
 * no serious or critical violation. The page has a strict CSP (no inline
 * script, so Playwright's addScriptTag is refused); page.evaluate of the
 * source runs through the DevTools protocol in the page's main world, which
 * the CSP does not govern.
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, screenshot, SCREENSHOTS, startWebHost, stopSession, type WebHost } from './harness';
import { OrdersPage, parisDay } from './orders-pages';
import { Till } from './pages';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Finding = { id: string; impact: string; nodes: string[] };

/** The serious and critical violations axe finds on what the page shows now. */
async function axeViolations(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
}

/** Every screen's findings, keyed "lang/screen", reported once at the end. */
const found: Record<string, Finding[]> = {};

async function check(page: Page, lang: string, screen: string): Promise<void> {
  // Let the screen settle (live queries, fonts) before judging it.
  await page.waitForTimeout(150);
  const violations = await axeViolations(page);
  found[`${lang}/${screen}`] = violations;
  await screenshot(page, `axe-${lang}-${screen}`);
}

describe('axe-core finds no serious or critical violation on any main screen', () => {
  let host: WebHost;
  let browser: Browser;
  let till: Till;
  const page = () => browser.page;

  beforeAll(async () => {
    host = await startWebHost();
    browser = await openBrowser(host.url);
    till = new Till(browser.page);
    await page().getByTestId('setup-demo').waitFor();
  });

  afterAll(async () => {
    console.info('axe serious/critical violations per screen:', JSON.stringify(Object.fromEntries(Object.entries(found).map(([k, v]) => [k, v.length]))));
    writeFileSync(path.join(SCREENSHOTS, 'axe-findings.json'), JSON.stringify(found, null, 2));
    await stopSession(host, browser);
  });

  it('on the first-run screen, in French and in Arabic', async () => {
    await check(page(), 'fr', 'first-run');
    await page().getByTestId('lang-ar').click();
    await page().locator('html[lang="ar"]').waitFor({ state: 'attached' });
    await check(page(), 'ar', 'first-run');
    await page().getByTestId('lang-fr').click();
    await till.loadDemo();
    expect({ fr: found['fr/first-run'], ar: found['ar/first-run'] }).toEqual({ fr: [], ar: [] });
  });

  for (const lang of ['fr', 'ar'] as const) {
    it(`on every screen of the app, in ${lang === 'fr' ? 'French' : 'Arabic'}`, async () => {
      const p = page();
      await p.getByTestId(`lang-${lang}`).click();
      await p.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
      await till.open('checkout');
      await check(p, lang, 'till');
      await till.tap('Sac cabas wax');
      await p.getByTestId('pay-cash').click();
      await p.getByTestId('cash-exact').waitFor();
      await check(p, lang, 'payment');
      await p.getByTestId('cash-exact').click();
      await p.getByTestId('pay-confirm').click();
      await p.getByTestId('sale-done').waitFor();
      await check(p, lang, 'sale-done');
      await till.nextSale();
      await till.open('history');
      await p.getByTestId('sales-list').waitFor();
      await check(p, lang, 'ventes');
      await till.open('closing');
      await p.getByTestId('close-day').waitFor();
      await check(p, lang, 'cloture');
      const orders = new OrdersPage(p);
      await orders.openBoard();
      await check(p, lang, 'commandes');
      await p.getByTestId('order-new').click();
      await orders.newCustomer({ name: `Client ${lang}` });
      await orders.addProduct('Sac cabas wax', '3');
      await orders.setDue(parisDay(4));
      await orders.save();
      await check(p, lang, 'order');
      await till.open('products');
      await check(p, lang, 'produits');
      await till.open('stock');
      await check(p, lang, 'stock');
      await till.open('members');
      await check(p, lang, 'membres');
      await p.getByTestId('tab-payout').click();
      await p.getByTestId('payout-screen').waitFor();
      await check(p, lang, 'partage');
      await till.open('settings');
      await check(p, lang, 'reglages');
      const screens = Object.entries(found).filter(([k]) => k.startsWith(`${lang}/`) && k !== `${lang}/first-run`);
      expect(screens).toHaveLength(12);
      expect(Object.fromEntries(screens.filter(([, v]) => v.length > 0))).toEqual({});
    });
  }
});
