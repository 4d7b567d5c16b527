/**
 * The tamper suite's end-to-end case (issue 15): three sales and a backup
 * in Chromium, then someone with the laptop edits IndexedDB from the page
 * (deletes the last ticket with its journal entry, slips in a 500 € sale of
 * a made-up till); after a reload, *Vérifier le journal* says in words what
 * is wrong, and Ventes and Partage leave the made-up sale out with a banner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, screenshot, stopSession, textOf, type WebHost } from './harness';
import { startDemoTill, type Till } from './pages';

describe('a tampered database, end to end', () => {
  let host: WebHost;
  let browser: Browser;
  let till: Till;

  beforeAll(async () => {
    ({ host, browser, till } = await startDemoTill());
  });

  afterAll(async () => {
    await stopSession(host, browser);
  });

  const verifyButton = () => browser.page.getByRole('button', { name: /Vérifier le journal/ });

  it('sells three garlands, backs up, and the journal checks out', async () => {
    const page = browser.page;
    for (let i = 0; i < 3; i += 1) {
      await till.open('checkout');
      await till.tap('Guirlande wax 1 m');
      for (const id of ['pay-cash', 'cash-exact', 'pay-confirm']) await page.getByTestId(id).click();
      await till.nextSale();
    }
    await till.open('settings');
    await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
    await expect.poll(() => textOf(page, 'backup-message')).toMatch(/^Sauvegarde enregistrée/);
    await till.open('history');
    await verifyButton().click();
    expect(await textOf(page, 'journal-result')).toBe('✅ Journal intact : 3 opérations vérifiées, aucune modification. Numéros continus, et le journal contient encore chaque empreinte sortie de la caisse (Z, sauvegardes, exports).');
  });

  it('after the last ticket is deleted and a foreign sale slipped in, says what is wrong in words', async () => {
    const page = browser.page;
    // What a person with the laptop can do: the browser's own IndexedDB API, no Étal code involved.
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('etal');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('open'));
      });
      const tx = db.transaction(['sales', 'journal'], 'readwrite');
      const done = new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('tx'));
      });
      const sales = tx.objectStore('sales');
      const all = await new Promise<{ id: string; tillId: string; ticketNumber: number; totals: { ttc: number } }[]>((resolve) => {
        const req = sales.getAll();
        req.onsuccess = () => resolve(req.result as never);
      });
      const last = all.sort((a, b) => b.ticketNumber - a.ticketNumber)[0];
      if (!last) throw new Error('no sale');
      sales.delete(last.id);
      const entryKey = await new Promise<IDBValidKey | undefined>((resolve) => {
        const req = tx.objectStore('journal').index('recordId').getKey(last.id);
        req.onsuccess = () => resolve(req.result);
      });
      if (entryKey !== undefined) tx.objectStore('journal').delete(entryKey);
      const forged = { ...last, id: 'forged-0001', tillId: 'c0ffee00-dead-beef-0000-000000000022', ticketNumber: 22, totals: { ...last.totals, ttc: 50000 }, payments: [{ method: 'cash', amount: 50000 }] };
      sales.add(forged);
      await done;
      db.close();
    });
    await page.reload();
    await till.open('history');
    const banner = await textOf(page, 'foreign-records');
    expect(banner).toBe('⚠️ Pas compté ici (ni dans Ventes, ni dans le Z, ni dans le Partage) : caisse #c0ffee00, ticket n° 22. Ces enregistrements ne sont venus par aucune fusion. Touchez « Vérifier le journal ».');
    expect(await textOf(page, 'day-total')).toBe('24,00 €');

    await verifyButton().click();
    const result = page.getByTestId('journal-result');
    await result.getByRole('listitem').nth(2).waitFor();
    const lines = (await result.getByRole('listitem').allTextContents()).map((l) => l.replace(/[\u00a0\u202f]/g, ' '));
    expect(lines).toEqual([
      expect.stringMatching(/^Le journal ne contient plus la fin écrite dans la sauvegarde du \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \([0-9a-f]{16}…, fichier etal-sauvegarde-.+\.json\)\. Des opérations ont été supprimées après elle\.$/),
      'Le ticket n° 3 manque.',
      'La caisse #c0ffee00, ticket n° 22 : cette caisse n’est venue par aucune fusion.',
    ]);
    await screenshot(page, 'tamper-journal-check');

    await page.getByRole('button', { name: /Partage/ }).click();
    await page.getByTestId('foreign-records').waitFor();
    expect(await textOf(page, 'sum-sales')).toContain('20,00 €');
    await screenshot(page, 'tamper-payout-banner');
  });

  it('says the same in Arabic, right to left', async () => {
    const page = browser.page;
    await page.getByRole('button', { name: 'العربية' }).click();
    await till.open('history');
    await page.getByRole('button', { name: /التحقق من السجل/ }).click();
    await page.getByTestId('journal-result').getByRole('listitem').nth(2).waitFor();
    const lines = await page.getByTestId('journal-result').getByRole('listitem').allTextContents();
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('التذكرة رقم \u20683\u2069 مفقودة.');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await screenshot(page, 'tamper-journal-check-ar');
    await page.getByRole('button', { name: 'FR' }).click();
  });
});
