/**
 * The quote, invoice and credit note PDFs as a customer sees them: rendered
 * to PNG by poppler's pdftoppm (the QR code is decoded from the picture, as a
 * banking app would) and to text by pdftotext (the mentions French law
 * requires). poppler-utils is installed by .ci/run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { orderPdf, orderPdfFileName, sellerLegalForm } from '../../shared/documents/order-pdf';
import type { OrderDocument } from '../../shared/documents/types';
import { EpcError, epcPayload } from '../../shared/epc';
import { formatMoney } from '../../shared/format';
import { LATE_PENALTY, WORKED_BANK, workedCreditNote, workedInvoice, workedQuote } from '../fixtures/worked-order';

/** Loading pdfmake and its fonts, rendering and poppler take seconds on a busy 2-core CI machine. */
const SLOW = 60_000;

const dir = mkdtempSync(path.join(tmpdir(), 'etal-order-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Rendered = { pages: number; text: string; qr: (string | null)[]; pngs: string[] };

/** Writes the PDF, renders every page at 150 dpi, decodes any QR code on each page, extracts the text. */
async function render(doc: OrderDocument, bank = WORKED_BANK): Promise<Rendered> {
  const bytes = await orderPdf(doc, bank);
  expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
  const stem = path.join(dir, `${doc.number}-${Math.random().toString(36).slice(2, 8)}`);
  writeFileSync(`${stem}.pdf`, bytes);
  execFileSync('pdftoppm', ['-r', '150', '-png', `${stem}.pdf`, stem]);
  const pngs = readdirSync(dir)
    .filter((f) => f.startsWith(path.basename(stem)) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
  const qr = pngs.map((file) => {
    const png = PNG.sync.read(readFileSync(file));
    // A4 portrait at 150 dpi: 595.28 × 841.89 pt → 1241 × 1754 px.
    expect([png.width, png.height]).toEqual([1241, 1754]);
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
  });
  // Whitespace (line breaks, the no-break spaces of French amounts) folded to one space.
  const text = execFileSync('pdftotext', ['-layout', `${stem}.pdf`, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return { pages: pngs.length, text, qr, pngs };
}

describe('the invoice PDF of the worked order', { timeout: SLOW }, () => {
  it('carries every mention, the balance and an EPC QR code a banking app can read', async () => {
    const r = await render(workedInvoice());
    expect(r.pages).toBe(1);
    // The QR code asks for the balance, to the co-op's account, with the invoice number as reference.
    expect(r.qr[0]).toBe(
      epcPayload({ name: WORKED_BANK.holder, iban: WORKED_BANK.iban, bic: WORKED_BANK.bic, amount: 50400, remittance: 'Solde facture F-2026-0001' }),
    );
    expect(r.qr[0]).toContain('\nEUR504.00\n');
    expect(r.qr[0]).toContain('\nFR7630006000011234567890189\n');
    for (const mention of [
      'FACTURE n° F-2026-0001',
      'Date d’émission 28/11/2026',
      // Seller: the CAE, its legal form, SIRET, RCS, VAT number, and the collective.
      'Coop’Horizons (CAE de démonstration)',
      'pour le collectif Wax & Fils — coopérative éphémère',
      '12 rue des Tisserands, 93100 Montreuil',
      'SCOP SA à capital variable',
      'SIRET 443 123 456 00016 · RCS Bobigny 443 123 456',
      'N° TVA intracommunautaire FR27443123456',
      // Customer, order, purchase order, delivery, due date.
      'Associations de la Goutte d’Or',
      'Fatou Diallo',
      '75018 Paris',
      'SIRET 782 001 234 00015',
      'Commande C-2026-0007',
      'Votre bon de commande BC-2026-118',
      'Date de livraison 28/11/2026',
      'Salle Saint-Bruno, 9 rue Saint-Bruno,',
      'Échéance 28/12/2026',
      // The line excl. VAT: designation, quantity and unit, unit price HT, rate, total HT.
      'Guirlande wax au mètre 60 m 10,00 € 20 % 600,00 €',
      // VAT per rate and totals.
      '20 % 600,00 € 120,00 € 720,00 €',
      'Total HT 600,00 €',
      'Total TVA 20 % 120,00 €',
      'Total TTC 720,00 €',
      'Acomptes déjà reçus -216,00 €',
      'Reste à payer 504,00 €',
      // Payment: due date, bank details in plain text beside the QR code.
      'À régler au plus tard le 28/12/2026.',
      'Titulaire Coop’Horizons',
      'IBAN FR76 3000 6000 0112 3456 7890 189',
      'BIC AGRIFRPPXXX',
      'Référence à indiquer Solde facture F-2026-0001',
      'Montant 504,00 €',
      // Late payment, the 40 € indemnity for a business customer, no early-payment discount.
      LATE_PENALTY,
      'Indemnité forfaitaire pour frais de recouvrement due au créancier en cas de retard de paiement : 40 €',
      'Pas d’escompte pour paiement anticipé.',
      'Page 1 / 1',
    ]) {
      expect(r.text).toContain(mention);
    }
    expect(orderPdfFileName(workedInvoice())).toBe('facture-F-2026-0001.pdf');
  });

  it('prints the customer’s VAT number when there is one, and no 40 € indemnity for a private customer', async () => {
    const invoice = workedInvoice();
    const r = await render(workedInvoice({ customer: { ...invoice.customer, vatNumber: 'FR40303265045', isBusiness: false } }));
    expect(r.text).toContain('N° TVA FR40303265045');
    expect(r.text).not.toContain('40 €');
    expect(r.text).toContain(LATE_PENALTY);
  });

  it('paid in full: no QR code, no bank details, says so', async () => {
    const r = await render(workedInvoice({ alreadyPaid: 72000, balance: 0 }));
    expect(r.qr).toEqual([null]);
    expect(r.text).toContain('Facture acquittée 0,00 €');
    expect(r.text).not.toContain('IBAN');
  });

  it('no IBAN in the settings: no QR code, the payment terms still printed', async () => {
    const r = await render(workedInvoice(), { holder: '', iban: '', bic: '' });
    expect(r.qr).toEqual([null]);
    expect(r.text).not.toContain('IBAN');
    expect(r.text).toContain('Paiement à 30 jours, au plus tard le 28/12/2026');
    expect(r.text).toContain('Reste à payer 504,00 €');
  });

  it('refuses an IBAN with a bad checksum rather than print a wrong account', async () => {
    const bad = { ...WORKED_BANK, iban: 'FR76 3000 6000 0112 3456 7890 188' };
    await expect(orderPdf(workedInvoice(), bad)).rejects.toBeInstanceOf(EpcError);
    await expect(orderPdf(workedInvoice(), bad)).rejects.toMatchObject({ key: 'err.ibanChecksum' });
  });

  it('a long invoice runs over pages with the table header repeated, thousands written the French way', async () => {
    const line = workedInvoice().lines[0]!;
    const lines = Array.from({ length: 40 }, (_, i) => ({ ...line, name: `Guirlande wax au mètre, lot ${i + 1}` }));
    // 40 × 720,00 € = 28 800,00 € TTC = 24 000,00 € HT + 4 800,00 € VAT.
    const r = await render(
      workedInvoice({
        lines,
        byRate: [{ rate: 2000, ht: 2_400_000, vat: 480_000, ttc: 2_880_000 }],
        ttc: 2_880_000,
        ht: 2_400_000,
        vat: 480_000,
        balance: 2_880_000 - 21600,
        // The repository writes its sentences with formatMoney, thousands separator included.
        paymentTerms: `Acompte de ${formatMoney(864_000)} reçu, solde à 30 jours.`,
      }),
    );
    expect(r.pages).toBeGreaterThan(1);
    expect(r.text).toContain(`Page ${r.pages} / ${r.pages}`);
    expect(r.text).toContain('FACTURE n° F-2026-0001 — suite');
    expect(r.text.match(/Désignation Quantité Prix unit\. HT TVA Total HT/g)?.length).toBeGreaterThan(1);
    expect(r.text).toContain('Guirlande wax au mètre, lot 40 60 m 10,00 € 20 % 600,00 €');
    // The thousands separator is printed (Roboto has no U+202F: it would vanish or print as a box).
    expect(r.text).toContain('Total TTC 28 800,00 €');
    expect(r.text).toContain('Reste à payer 28 584,00 €');
    expect(r.text).toContain('Acompte de 8 640,00 € reçu, solde à 30 jours.');
    expect(r.qr.filter(Boolean)).toEqual([
      epcPayload({ name: WORKED_BANK.holder, iban: WORKED_BANK.iban, bic: WORKED_BANK.bic, amount: 2_858_400, remittance: 'Solde facture F-2026-0001' }),
    ]);
  });
});

describe('the quote PDF', { timeout: SLOW }, () => {
  it('gives its validity date and asks for the deposit in its QR code', async () => {
    const r = await render(workedQuote());
    expect(r.qr[0]).toBe(
      epcPayload({ name: WORKED_BANK.holder, iban: WORKED_BANK.iban, bic: WORKED_BANK.bic, amount: 21600, remittance: 'Acompte devis C-2026-0007' }),
    );
    for (const mention of [
      'DEVIS n° C-2026-0007',
      'Date du devis 23/11/2026',
      'Valable jusqu’au 23/12/2026',
      'DEVIS POUR',
      'Livraison prévue le 28/11/2026',
      'Guirlande wax au mètre 60 m 10,00 € 20 % 600,00 €',
      'Total TTC 720,00 €',
      'Acompte à la commande 216,00 €',
      'Référence à indiquer Acompte devis C-2026-0007',
      'Montant 216,00 €',
      'Bon pour accord',
      'N° TVA intracommunautaire FR27443123456',
    ]) {
      expect(r.text).toContain(mention);
    }
    expect(r.text).not.toContain('Reste à payer');
    expect(orderPdfFileName(workedQuote())).toBe('devis-C-2026-0007.pdf');
  });

  it('without a deposit asks for the whole amount', async () => {
    const r = await render(workedQuote({ depositRequested: 0 }));
    expect(r.qr[0]).toContain('\nEUR720.00\n');
    expect(r.qr[0]?.endsWith('\nDevis C-2026-0007')).toBe(true);
    expect(r.text).not.toContain('Acompte à la commande');
  });
});

describe('the credit note PDF', { timeout: SLOW }, () => {
  it('names the invoice it cancels, shows the amounts to deduct, and has no QR code', async () => {
    const r = await render(workedCreditNote());
    expect(r.qr).toEqual([null]);
    for (const mention of [
      'AVOIR n° A-2026-0001',
      'Annule la facture F-2026-0001',
      'Motif Facture établie au mauvais client',
      'Guirlande wax au mètre -60 m 10,00 € 20 % -600,00 €',
      'Total HT -600,00 €',
      'Total TVA 20 % -120,00 €',
      'Total de l’avoir TTC -720,00 €',
      'Cet avoir annule la facture F-2026-0001 : 720,00 € TTC à déduire de cette facture ou à rembourser.',
      'SIRET 443 123 456 00016',
    ]) {
      expect(r.text).toContain(mention);
    }
    expect(r.text).not.toMatch(/IBAN|Reste à payer|Règlement/i);
    expect(orderPdfFileName(workedCreditNote())).toBe('avoir-A-2026-0001.pdf');
  });
});

describe('the mentions added for 2027 (allowed before): share capital, customer SIREN, goods or services', { timeout: SLOW }, () => {
  it('prints the share capital with the legal form, the customer’s SIREN and what the invoice is for', async () => {
    const invoice = workedInvoice();
    const r = await render(
      workedInvoice({
        seller: { ...invoice.seller, legalForm: 'SCOP SARL', shareCapital: '10 000 €' },
        customer: { ...invoice.customer, siren: '782001234' },
        nature: 'both',
      }),
    );
    // In the seller's block and in the footer of every page.
    expect(r.text.match(/SCOP SARL au capital de 10 000 €/g)?.length).toBe(2);
    expect(r.text).toContain('SIREN 782 001 234 · SIRET 782 001 234 00015');
    expect(r.text).toContain('Nature biens et services');
    expect(r.pages).toBe(1);
    expect(r.qr[0]).toContain('\nEUR504.00\n');
  });

  it('says "livraison de biens" for the garland, "prestation de services" for a buffet; a SCOP’s variable capital after its form', async () => {
    const goods = await render(workedInvoice({ nature: 'goods' }));
    expect(goods.text).toContain('Nature livraison de biens');
    // The demo CAE: "SCOP SA" + "à capital variable".
    expect(workedInvoice().seller).toMatchObject({ legalForm: 'SCOP SA', shareCapital: 'à capital variable' });
    expect(goods.text).toContain('SCOP SA à capital variable');
    const services = await render(
      workedQuote({
        nature: 'services',
        lines: [{ name: 'Buffet pour 40 personnes', unit: 'portion', quantity: 40000, unitPrice: 1500, unitPriceHt: 1364, vatRate: 1000, total: 60000 }],
        byRate: [{ rate: 1000, ht: 54545, vat: 5455, ttc: 60000 }],
        ttc: 60000,
        ht: 54545,
        vat: 5455,
        balance: 60000,
        depositRequested: 18000,
      }),
    );
    expect(services.text).toContain('Nature prestation de services');
    expect(services.text).toContain('Buffet pour 40 personnes 40 portions 13,64 € 10 % 545,45 €');
  });

  it('an invoice issued before these mentions reprints as it was: no SIREN, no nature line', async () => {
    const invoice = workedInvoice();
    const { shareCapital, ...sellerBefore } = invoice.seller;
    expect(shareCapital).toBeDefined();
    const r = await render(workedInvoice({ seller: { ...sellerBefore, legalForm: 'SCOP SA à capital variable' } }));
    expect(r.text).not.toContain('SIREN');
    expect(r.text).not.toContain('Nature');
    expect(r.text).toContain('SIRET 782 001 234 00015');
    expect(r.text.match(/SCOP SA à capital variable/g)?.length).toBe(2);
  });

  it('writes the legal form and share capital together without saying it twice', () => {
    expect(sellerLegalForm({ legalForm: 'SCOP SA', shareCapital: 'à capital variable' })).toBe('SCOP SA à capital variable');
    expect(sellerLegalForm({ legalForm: 'SCOP SARL', shareCapital: '10 000 €' })).toBe('SCOP SARL au capital de 10 000 €');
    expect(sellerLegalForm({ legalForm: 'SCOP SA à capital variable', shareCapital: 'à capital variable' })).toBe('SCOP SA à capital variable');
    expect(sellerLegalForm({ legalForm: 'SCIC SAS', shareCapital: '' })).toBe('SCIC SAS');
    expect(sellerLegalForm({ legalForm: 'SCIC SAS' })).toBe('SCIC SAS');
    expect(sellerLegalForm({ legalForm: '', shareCapital: 'à capital variable' })).toBe('À capital variable');
    expect(sellerLegalForm({ legalForm: '', shareCapital: '7 500 €' })).toBe('Capital social 7 500 €');
  });
});
