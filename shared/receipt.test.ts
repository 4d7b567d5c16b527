import { describe, expect, it } from 'vitest';
import { cancellationOf, CASH_50, fixedCoop, workedTicketLines, workedTicketSale } from '../test/fixtures/worked-ticket';
import { priceCart } from './cart';
import {
  buildReceipt,
  buildTestReceipt,
  layoutReceipt,
  layoutReceiptRows,
  opensDrawer,
  printableText,
  RECEIPT_LABELS,
  receiptSchema,
  ticketReference,
  type Receipt,
} from './receipt';
import type { Sale } from './schemas';

const coop = fixedCoop();

const squash = (lines: string[]) => lines.map((l) => l.replace(/ +/g, ' ').trim());

describe('buildReceipt', () => {
  it('carries every legal mention of the worked ticket', () => {
    const receipt = buildReceipt(workedTicketSale(), coop, { cashierName: 'Aminata' });
    const lines = squash(layoutReceipt(receipt, 48));
    expect(lines).toEqual(
      expect.arrayContaining([
        "Coop'Horizons (CAE de démonstration)",
        '12 rue des Tisserands, 93100 Montreuil',
        'SIRET 443 123 456 00016',
        'N° TVA FR27443123456',
        'RCS Bobigny 443 123 456',
        // 15:30 UTC is 16:30 in Paris in December.
        'Ticket n° 1 05/12/2026 16:30',
        'Caisse : Caisse 1',
        'Servi par : Aminata',
        'Guirlande wax 1 m',
        '2 pièces x 12,00 € 24,00 €',
        'Guirlande wax au mètre',
        '1,5 m x 12,00 €/m 18,00 €',
        'Boules énergie (sachet)',
        '3 pièces x 2,50 € 7,50 €',
        'TOTAL TTC 49,50 €',
        'TVA HT € TVA € TTC €',
        '20 % 35,00 7,00 42,00',
        '5,5 % 7,11 0,39 7,50',
        'Total 42,11 7,39 49,50',
        'Paiement',
        'Espèces 49,50 €',
        'Reçu 50,00 €',
        'Rendu 0,50 €',
        'Merci ! Fait main à Montreuil.',
      ]),
    );
    expect(lines.join('\n')).toContain('pour le collectif Wax & Fils - coopérative');
    expect(lines.join('\n')).not.toContain('DUPLICATA');
    expect(receipt.blocks.at(-1)).toEqual({ kind: 'cut' });
    expect(receipt.blocks.filter((b) => b.kind === 'qr')).toEqual([{ kind: 'qr', payload: 'ETAL:3f2a9c1b:1:2026-12-05:4950' }]);
  });

  it('is a valid contract document, and the schema refuses printer commands in text', () => {
    const receipt = buildReceipt(workedTicketSale(), coop);
    expect(receiptSchema.parse(JSON.parse(JSON.stringify(receipt)))).toEqual(receipt);
    const withEsc = { ...receipt, blocks: [{ kind: 'text', text: 'x\u001bp\u0000' }] };
    expect(receiptSchema.safeParse(withEsc).success).toBe(false);
    // A pasted tab or newline in a product name is cleaned, not refused.
    const sale = workedTicketSale();
    const messy = { ...sale, lines: sale.lines.map((l, i) => (i === 0 ? { ...l, name: 'Guirlande\twax\n1 m' } : l)) };
    expect(receiptSchema.safeParse(buildReceipt(messy, coop)).success).toBe(true);
    // Over-long input is cut to the schema's bounds; a QR payload too long to scan is left out.
    const huge = buildReceipt(sale, coop, { cashierName: 'A'.repeat(5000), qr: `https://example.org/${'a'.repeat(400)}` });
    expect(receiptSchema.safeParse(huge).success).toBe(true);
    expect(huge.blocks.some((b) => b.kind === 'qr')).toBe(false);
  });

  it('marks reprints DUPLICATA, in double size, with when it was reprinted', () => {
    const receipt = buildReceipt(workedTicketSale(), coop, { duplicate: true, printedAt: '2026-12-06T09:00:00Z' });
    expect(receipt.duplicate).toBe(true);
    const marks = layoutReceiptRows(receipt, 32).filter((r) => r.kind === 'text' && r.text.trim() === 'DUPLICATA');
    expect(marks).toHaveLength(2);
    expect(marks[0]).toMatchObject({ size: 'double', bold: true });
    expect(squash(layoutReceipt(receipt, 32))).toContain('Réimprimé le 06/12/2026 10:00');
  });

  it('numbers the k-th duplicate of a sale, and it still fits 58 mm paper', () => {
    const receipt = buildReceipt(workedTicketSale(), coop, { duplicate: true, duplicateNumber: 2, printedAt: '2026-12-06T09:00:00Z' });
    const marks = layoutReceiptRows(receipt, 32).filter((r) => r.kind === 'text' && r.text.trim() === 'DUPLICATA n° 2');
    expect(marks).toHaveLength(2);
    expect(layoutReceipt(receipt, 32).every((line) => line.length <= 32)).toBe(true);
  });

  it('prints a cancellation with the cancelled ticket, the reason and negative amounts', () => {
    const receipt = buildReceipt(cancellationOf(workedTicketSale()), coop, { originalTicketNumber: 1 });
    const lines = squash(layoutReceipt(receipt, 48));
    expect(receipt.kind).toBe('cancellation');
    expect(lines).toEqual(
      expect.arrayContaining([
        'ANNULATION de la vente n° 1',
        'Motif : Erreur de saisie',
        '-2 pièces x 12,00 € -24,00 €',
        'TOTAL TTC -49,50 €',
        '20 % -35,00 -7,00 -42,00',
        'Remboursement',
        'Espèces -49,50 €',
      ]),
    );
    expect(receipt.blocks.find((b) => b.kind === 'qr')).toEqual({ kind: 'qr', payload: 'ETAL:3f2a9c1b:2:2026-12-05:-4950' });
  });

  it('shows discounts per line and in total, with the reason', () => {
    const priced = priceCart({ lines: workedTicketLines(), discount: { kind: 'percent', value: 1000 } });
    const sale: Sale = {
      ...workedTicketSale(),
      lines: priced.lines,
      totals: priced.totals,
      discountReason: 'Fin de marché',
      payments: [{ method: 'card', amount: 4455 }],
    };
    const lines = squash(layoutReceipt(buildReceipt(sale, coop), 48));
    expect(lines).toEqual(
      expect.arrayContaining(['2 pièces x 12,00 € 24,00 €', 'Remise -2,40 €', 'Total ligne 21,60 €', 'Total remises -4,95 €', 'Motif de la remise : Fin de marché', 'TOTAL TTC 44,55 €', 'Carte bancaire 44,55 €']),
    );
  });

  it('dates the ticket in the co-op time zone', () => {
    const reunion = { ...coop, timeZone: 'Indian/Reunion' };
    expect(squash(layoutReceipt(buildReceipt(workedTicketSale(), reunion), 48))).toContain('Ticket n° 1 05/12/2026 19:30');
  });

  it('uses the ticket reference as QR by default, a given payload, or none', () => {
    expect(ticketReference(workedTicketSale({ ticketNumber: 12 }))).toBe('ETAL:3f2a9c1b:12:2026-12-05:4950');
    const link = buildReceipt(workedTicketSale(), coop, { qr: 'https://example.org/wax' });
    expect(link.blocks.filter((b) => b.kind === 'qr')).toEqual([{ kind: 'qr', payload: 'https://example.org/wax' }]);
    expect(buildReceipt(workedTicketSale(), coop, { qr: false }).blocks.some((b) => b.kind === 'qr')).toBe(false);
  });

  it('opens the drawer when cash moves, not for card or reprints', () => {
    expect(opensDrawer(workedTicketSale())).toBe(true);
    expect(opensDrawer(workedTicketSale({ payments: [{ method: 'card', amount: 4950 }] }))).toBe(false);
    expect(opensDrawer(workedTicketSale(), { duplicate: true })).toBe(false);
    expect(opensDrawer(cancellationOf(workedTicketSale()))).toBe(true);
  });

  it('keeps its French wording in one table', () => {
    expect(Object.keys(RECEIPT_LABELS)).toEqual(['fr']);
    expect(RECEIPT_LABELS.fr.cancellationOf(7)).toBe('ANNULATION de la vente n° 7');
  });
});

describe('layoutReceipt', () => {
  const longName = 'Grande guirlande wax multicolore tressée à la main, édition spéciale marché de Noël';
  const long = workedTicketSale({
    lines: [{ ...workedTicketLines()[0]!, name: longName, quantity: 12000 }, ...workedTicketLines().slice(1)],
    payments: [{ method: 'card', amount: 18150 }],
  });
  const receipts: [string, Receipt][] = [
    ['worked', buildReceipt(workedTicketSale(), coop, { cashierName: 'Aminata' })],
    ['duplicate', buildReceipt(workedTicketSale(), coop, { duplicate: true, printedAt: '2026-12-06T09:00:00Z' })],
    ['cancellation', buildReceipt(cancellationOf(long), coop, { originalTicketNumber: 1 })],
    ['long', buildReceipt(long, coop, { qr: `https://example.org/${'a'.repeat(120)}` })],
    ['test page', buildTestReceipt(coop)],
  ];

  it.each([24, 32, 42, 48, 64])('never exceeds %i columns', (columns) => {
    for (const [, receipt] of receipts) {
      for (const line of layoutReceipt(receipt, columns)) expect(line.length, line).toBeLessThanOrEqual(columns);
      for (const row of layoutReceiptRows(receipt, columns)) {
        if (row.kind === 'text') expect(row.text.length * (row.size === 'double' ? 2 : 1)).toBeLessThanOrEqual(columns);
      }
    }
  });

  it('wraps long names on word boundaries and keeps amounts right-aligned', () => {
    const lines = layoutReceipt(buildReceipt(long, coop), 32);
    const start = lines.indexOf('Grande guirlande wax multicolore');
    expect(start).toBeGreaterThan(0);
    const nameLines = lines.slice(start, start + 3);
    expect(nameLines).toEqual(['Grande guirlande wax multicolore', 'tressée à la main, édition', 'spéciale marché de Noël']);
    expect(nameLines.join(' ')).toBe(longName);
    const amountRow = lines[start + 3] ?? '';
    expect(amountRow).toBe('  12 pièces x 12,00 €   144,00 €');
    expect(amountRow).toHaveLength(32);
    // Every amount row ends on the last column.
    for (const line of lines.filter((l) => / €$/.test(l))) expect(line).toHaveLength(32);
  });

  it('spreads double-size text over the room it takes on paper', () => {
    const lines = layoutReceipt(buildReceipt(workedTicketSale(), coop, { duplicate: true }), 32);
    expect(lines).toContain('      D U P L I C A T A');
  });

  it('falls back to one labelled row per amount when the VAT table does not fit', () => {
    const lines = squash(layoutReceipt(buildReceipt(cancellationOf(workedTicketSale()), coop), 24));
    expect(lines).toEqual(expect.arrayContaining(['20 %', 'HT € -35,00', 'TVA € -7,00', 'TTC € -42,00']));
  });

  it('refuses a width the printer cannot have', () => {
    expect(() => layoutReceipt(receipts[0]![1], 8)).toThrow(RangeError);
  });
});

describe('printableText', () => {
  it('keeps what CP858 prints and maps or replaces the rest', () => {
    expect(printableText('€ é è à ç ô ï ù É È À Ç Ô Ï Ù « » °')).toBe('€ é è à ç ô ï ù É È À Ç Ô Ï Ù « » °');
    expect(printableText('Coop’Horizons — “wax” …')).toBe('Coop\'Horizons - "wax" ...');
    expect(printableText('1\u202f234,50\u00a0€')).toBe('1 234,50 €');
    expect(printableText('Œuvre Dvořák 🎄')).toBe('OEuvre Dvorák ?'); // á is in CP858, ř is not
    expect(printableText('e\u0301')).toBe('é');
  });
});

// Keeps the fixture honest: it is DOMAIN.md's worked ticket.
it('uses the worked ticket of DOMAIN.md', () => {
  const sale = workedTicketSale();
  expect(sale.totals).toMatchObject({ ttc: 4950, ht: 4211, vat: 739 });
  expect(sale.payments).toEqual(CASH_50);
});
