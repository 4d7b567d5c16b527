import { describe, expect, it } from 'vitest';
import { WORKED_BANK, workedCreditNote, workedInvoice, workedQuote } from '../../test/fixtures/worked-order';
import { lineTotalsHt, orderPdfDefinition, orderPdfFileName, orderPdfPayload, paymentRequest } from './order-pdf';

describe('what the documents ask to be paid', () => {
  it('an invoice its balance, a quote its deposit or whole amount, a credit note nothing', () => {
    expect(paymentRequest(workedInvoice())).toEqual({ amount: 50400, remittance: 'Solde facture F-2026-0001' });
    expect(paymentRequest(workedInvoice({ alreadyPaid: 0, balance: 72000 }))).toEqual({ amount: 72000, remittance: 'Facture F-2026-0001' });
    expect(paymentRequest(workedInvoice({ alreadyPaid: 72000, balance: 0 }))).toBeUndefined();
    expect(paymentRequest(workedQuote())).toEqual({ amount: 21600, remittance: 'Acompte devis C-2026-0007' });
    expect(paymentRequest(workedQuote({ depositRequested: 0 }))).toEqual({ amount: 72000, remittance: 'Devis C-2026-0007' });
    // A quote downloaded again after money came in asks only for the rest.
    expect(paymentRequest(workedQuote({ alreadyPaid: 10000 }))).toEqual({ amount: 11600, remittance: 'Acompte devis C-2026-0007' });
    expect(paymentRequest(workedQuote({ alreadyPaid: 21600 }))).toBeUndefined();
    expect(paymentRequest(workedQuote({ depositRequested: 0, alreadyPaid: 21600 }))).toEqual({ amount: 50400, remittance: 'Devis C-2026-0007' });
    expect(paymentRequest(workedCreditNote())).toBeUndefined();
  });

  it('no QR payload without an IBAN or for a credit note', () => {
    expect(orderPdfPayload(workedInvoice(), { holder: 'X', iban: ' ', bic: '' })).toBeUndefined();
    expect(orderPdfPayload(workedCreditNote(), WORKED_BANK)).toBeUndefined();
    // The holder defaults to the CAE's legal name.
    expect(orderPdfPayload(workedInvoice(), { ...WORKED_BANK, holder: '' })?.split('\n')[5]).toBe('Coop’Horizons (CAE de démonstration)');
  });
});

describe('line totals excl. VAT', () => {
  it('add up to each rate’s HT to the cent, credit notes included', () => {
    // Three lines at 20 % of 3,33 € each: 9,99 € TTC → 8,33 € HT; per line 2,775 → 2,78 + 2,78 + 2,77.
    const line = { name: 'x', unit: 'piece' as const, quantity: 1000, unitPrice: 333, unitPriceHt: 278, vatRate: 2000, total: 333 };
    const doc = { lines: [line, line, line, { ...line, vatRate: 550, total: 750 }], byRate: [{ rate: 2000, ht: 833, vat: 166, ttc: 999 }, { rate: 550, ht: 711, vat: 39, ttc: 750 }] };
    expect(lineTotalsHt(doc)).toEqual([278, 278, 277, 711]);
    const credit = workedCreditNote();
    expect(lineTotalsHt(credit)).toEqual([-60000]);
  });
});

describe('the document definition', () => {
  it('is A4 in French with the title as PDF metadata', () => {
    const def = orderPdfDefinition(workedInvoice(), WORKED_BANK);
    expect(def.pageSize).toBe('A4');
    expect(def.language).toBe('fr-FR');
    expect(def.info?.title).toBe('FACTURE n° F-2026-0001');
  });

  it('file names say what the document is and keep only safe characters', () => {
    expect(orderPdfFileName({ kind: 'quote', number: 'C-2026-0007' })).toBe('devis-C-2026-0007.pdf');
    expect(orderPdfFileName({ kind: 'invoice', number: 'F-2026-0001' })).toBe('facture-F-2026-0001.pdf');
    expect(orderPdfFileName({ kind: 'creditNote', number: 'A-2026-0001' })).toBe('avoir-A-2026-0001.pdf');
    expect(orderPdfFileName({ kind: 'quote', number: '../C 1' })).toBe('devis-___C_1.pdf');
  });
});
