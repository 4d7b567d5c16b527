/** The Z as a PDF, read back with poppler's pdftotext: the same figures as the paper Z. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closingPdf, closingPdfFileName } from '../../shared/closing-pdf';
import { demoCoop } from '../../shared/demo';
import type { Closing } from '../../shared/schemas';

const dir = mkdtempSync(path.join(tmpdir(), 'etal-z-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const z: Closing = {
  id: 'z1', tillId: 'till-123456789', kind: 'day', number: 12, businessDay: '2026-12-05', at: '2026-12-05T18:00:00.000Z', countedBy: 'Awa',
  firstTicket: 101, lastTicket: 134,
  totals: {
    tickets: 33, cancellations: 1, ttc: 123450, ht: 102875, vat: 20575, discounts: 200,
    byRate: [{ rate: 2000, ht: 102875, vat: 20575, ttc: 123450 }],
    byMethod: { cash: 23450, card: 100000, cheque: 0, transfer: 0, other: 0 },
    byCategory: [{ category: 'Guirlandes', ttc: 123450 }],
    topProducts: [{ productId: 'p1', name: 'Guirlande wax 1 m', quantity: 2000, ttc: 2400 }],
  },
  cash: { fund: 10000, cashSales: 23450, cashOrders: 5000, cashIn: 0, cashOut: 2000, expected: 36450, counted: 36400, difference: -50, count: [{ value: 5000, quantity: 7 }, { value: 1000, quantity: 1 }, { value: 200, quantity: 2 }] },
  orders: { count: 1, deposits: 5000, payments: 0, total: 5000, byMethod: { cash: 5000, card: 0, cheque: 0, transfer: 0, other: 0 } },
  periodTotal: 123450, grandTotal: 987650, lastJournalHash: 'ab'.repeat(32),
};

describe('the Z as a PDF', () => {
  it('holds the paper Z: title, totals by VAT rate, orders, cash expected vs counted, perpetual total and journal hash', async () => {
    const bytes = await closingPdf(z, demoCoop({ newId: () => 'x', now: '2026-12-01T08:00:00.000Z', tillId: 'till-123456789' }));
    expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('%PDF');
    const file = path.join(dir, closingPdfFileName(z));
    expect(path.basename(file)).toBe('etal-Z-0012-2026-12-05.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \u00a0]+/g, ' ');
    expect(text).toContain('CLÔTURE JOURNALIÈRE (Z) n° 12');
    expect(text).toContain('Tickets n° 101 à 134');
    expect(text).toMatch(/TOTAL TTC 1 234,50 €/);
    expect(text).toMatch(/20 % 1 028,75 205,75 1 234,50/);
    expect(text).toContain('Commandes (acomptes et soldes)');
    expect(text).toMatch(/Commandes en espèces 50,00 €/);
    expect(text).toMatch(/Attendu 364,50 €/);
    expect(text).toMatch(/Écart -0,50 €/);
    expect(text).toMatch(/Total perpétuel TTC 9 876,50 €/);
    expect(text).toContain('ab'.repeat(16));
    if (process.env.ETAL_PDF_PNG) execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', file, process.env.ETAL_PDF_PNG]);
  });

  it('names month and year closings by their period', () => {
    expect(closingPdfFileName({ kind: 'month', number: 3, businessDay: '2026-11-30', period: '2026-11' })).toBe('etal-M-0003-2026-11.pdf');
    expect(closingPdfFileName({ kind: 'year', number: 1, businessDay: '2026-12-31', period: '2026' })).toBe('etal-A-0001-2026.pdf');
  });
});
