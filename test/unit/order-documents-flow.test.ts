/**
 * The documents as the app makes them: the worked order taken through the
 * real repository (renderer/db/orders.ts) to its quote, invoice and credit
 * note snapshots, each turned into a PDF whose text and QR code are read
 * back with poppler and jsQR. Catches any drift between what the repository
 * freezes and what the PDF prints.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { orderPdf } from '../../shared/documents/order-pdf';
import type { BankDetails, OrderDocument } from '../../shared/documents/types';
import { epcPayload } from '../../shared/epc';
import { createOrder, issueCreditNote, issueInvoice, orderDocumentFor, recordOrderPayment, saveBillingSettings, saveCustomer, setOrderStatus } from '../../renderer/db/orders';
import { demoDb } from '../../renderer/db/testing';

const dir = mkdtempSync(path.join(tmpdir(), 'etal-order-flow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(doc: OrderDocument, bank: BankDetails): Promise<{ text: string; qr: string | null }> {
  const file = path.join(dir, `${doc.number}.pdf`);
  writeFileSync(file, await orderPdf(doc, bank));
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', file, file.replace(/\.pdf$/, '')]);
  const png = PNG.sync.read(readFileSync(file.replace(/\.pdf$/, '.png')));
  const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return { text, qr };
}

describe('quote, invoice and credit note from the repository', { timeout: 60_000 }, () => {
  it('print what the repository froze, and the QR codes ask for the deposit, then the balance', async () => {
    const { db, product } = await demoDb();
    let coop = await saveBillingSettings(db, { accountHolder: 'Coop’Horizons', iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPPXXX' });
    const bank: BankDetails = { holder: 'Coop’Horizons', iban: coop.billing?.iban ?? '', bic: coop.billing?.bic ?? '' };
    const customer = await saveCustomer(db, {
      name: 'Associations de la Goutte d’Or',
      organisation: '',
      phone: '',
      email: '',
      billingAddress: '12 rue Léon\n75018 Paris',
      siret: '',
      vatNumber: '',
    });
    const garland = product('Guirlande wax au mètre');
    const at = (time: string, day = '2026-11-23') => `${day}T${time}:00.000Z`;
    const order = await createOrder(
      db,
      coop,
      {
        customerId: customer.id,
        lines: [{ key: 'g', productId: garland.id, name: 'Guirlande wax « espace public »', unit: 'metre', quantity: 60_000, unitPrice: 1200, vatRate: 2000 }],
        dueDay: '2026-11-28',
        dueTime: '10:00',
        delivery: { kind: 'address', place: 'Square Léon, 75018 Paris' },
        notes: '',
        customerRef: 'BC-2026-12',
      },
      undefined,
      at('09:00'),
    );

    const quote = await orderDocumentFor(db, coop, order.id, 'quote', { deposit: { kind: 'percent', value: 3000 } });
    const q = await read(quote, bank);
    expect(q.qr).toBe(epcPayload({ name: 'Coop’Horizons', iban: bank.iban, bic: 'AGRIFRPPXXX', amount: 21_600, remittance: `Acompte devis ${order.number}` }));
    expect(q.text).toContain(`DEVIS n° ${order.number}`);
    expect(q.text).toContain('Valable jusqu’au 23/12/2026');
    expect(q.text).toContain('Guirlande wax « espace public » 60 m 10,00 € 20 % 600,00 €');
    expect(q.text).toContain('Acompte à la commande 216,00 €');

    await recordOrderPayment(db, coop, { orderId: order.id, kind: 'deposit', method: 'transfer', amount: 21_600, at: at('09:10') });
    for (const [i, to] of (['confirmed', 'inProduction', 'ready', 'delivered'] as const).entries()) await setOrderStatus(db, order.id, to, { at: at(`1${i}:00`, '2026-11-28') });
    coop = (await db.coop.get('coop')) ?? coop;
    const invoice = await issueInvoice(db, coop, order.id, { at: at('15:00', '2026-11-28') });
    const f = await read(invoice, bank);
    expect(f.qr).toBe(epcPayload({ name: 'Coop’Horizons', iban: bank.iban, bic: 'AGRIFRPPXXX', amount: 50_400, remittance: `Solde facture ${invoice.number}` }));
    for (const mention of [
      `FACTURE n° ${invoice.number}`,
      `Commande ${order.number}`,
      'Votre bon de commande BC-2026-12',
      'Date de livraison 28/11/2026',
      'Total HT 600,00 €',
      'Total TVA 20 % 120,00 €',
      'Total TTC 720,00 €',
      'Acomptes déjà reçus -216,00 €',
      'Reste à payer 504,00 €',
      invoice.paymentTerms,
      invoice.latePenalty,
      'Pas d’escompte pour paiement anticipé.',
      'SIRET 443 123 456 00016',
      'N° TVA intracommunautaire FR27443123456',
    ]) {
      expect(f.text).toContain(mention.replace(/\s+/g, ' '));
    }

    const credit = await issueCreditNote(db, coop, invoice.id, 'Erreur de client', { at: at('09:00', '2026-11-30') });
    const a = await read(credit, bank);
    expect(a.qr).toBeNull();
    expect(a.text).toContain(`AVOIR n° ${credit.number}`);
    expect(a.text).toContain(`Annule la facture ${invoice.number}`);
    expect(a.text).toContain('Total de l’avoir TTC -720,00 €');
    expect(a.text).not.toContain('IBAN');
  });
});
