import { describe, expect, it } from 'vitest';
import { fixedCoop, workedTicketSale } from '../test/fixtures/worked-ticket';
import { buildReceipt, layoutReceiptRows } from './receipt';
import { printHeightMm, receiptPageHtml, silentPrintOptions } from './receipt-paper';

describe('a receipt as a page on the roll', () => {
  const receipt = buildReceipt(workedTicketSale(), fixedCoop());

  it('is a page of the roll width, as long as its rows, that carries no script and allows nothing remote', () => {
    const rows = layoutReceiptRows(receipt, 32);
    const html = receiptPageHtml(rows, 32, ['<svg id="qr"></svg>']);
    expect(html).toContain(`@page { size: 58mm ${printHeightMm(rows, 58, 32)}mm; margin: 0; }`);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|https?:/);
    expect(html).toContain('<svg id="qr"></svg>');
    // The co-op name holds "&": escaped, so the page shows it instead of breaking.
    expect(html).toContain('Wax &amp; Fils');
  });

  it('gives Electron a page size in whole microns, taller than wide, so the driver neither falls back to A4 nor turns it', () => {
    for (const columns of [32, 48]) {
      const rows = layoutReceiptRows(receipt, columns);
      const { pageSize } = silentPrintOptions('Ticket', rows, columns);
      expect(pageSize.width).toBe(columns === 32 ? 58000 : 80000);
      expect(Number.isInteger(pageSize.height)).toBe(true);
      expect(pageSize.height).toBeGreaterThan(pageSize.width);
    }
  });
});
