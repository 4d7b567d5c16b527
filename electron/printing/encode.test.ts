import { describe, expect, it } from 'vitest';
import { buildReceipt, buildTestReceipt, layoutReceiptRows, type Receipt } from '../../shared/receipt';
import { decodeEscPos } from '../../test/fixtures/fake-printer';
import { fixedCoop, workedTicketSale } from '../../test/fixtures/worked-ticket';
import { encodeDrawerKick, encodeReceipt, UnsupportedCodepageError, type PrinterConfig } from './encode';

const config = (patch: Partial<PrinterConfig> = {}): PrinterConfig => ({
  connection: { kind: 'network', host: '127.0.0.1', port: 9100 },
  columns: 48,
  codepage: 'cp858',
  cut: true,
  drawerPin: 2,
  ...patch,
});

/**
 * What the paper should show, line by line: the layout's text rows, plus the
 * line feeds the encoder adds after block commands (a pulse, a QR code) and
 * before and after a cut.
 */
function paperLines(receipt: Receipt, printer: PrinterConfig, openDrawer: boolean): string[] {
  return [
    ...(openDrawer ? [''] : []),
    ...layoutReceiptRows(receipt, printer.columns).flatMap((row) => {
      if (row.kind === 'text') return [row.text];
      if (row.kind === 'qr') return [''];
      return printer.cut ? ['', '', '', '', ''] : ['', '', '', ''];
    }),
  ];
}

const bytesOf = (text: string) => [...text].map((c) => c.charCodeAt(0));
const contains = (haystack: Uint8Array, needle: number[]) =>
  Buffer.from(haystack).indexOf(Buffer.from(needle)) >= 0;

describe('encodeReceipt', () => {
  const receipt = buildReceipt(workedTicketSale(), fixedCoop(), { duplicate: true, printedAt: '2026-12-06T09:00:00Z' });

  it.each([32, 48])('sends the worked ticket at %i columns as its golden lines, each ended by LF alone', async (columns) => {
    const decoded = decodeEscPos(encodeReceipt(receipt, config({ columns }), { openDrawer: true }));
    expect(decoded.carriageReturns).toBe(0);
    expect(decoded.lines).toContain(`${'  2 pièces x 12,00 €'.padEnd(columns - 7)}24,00 €`);
    await expect(`${decoded.lines.join('\n')}\n`).toMatchFileSnapshot(`./__golden__/worked-ticket-${columns}.escpos.txt`);
  });

  it.each([32, 48])('fits every line of the test page on %i columns, the ruler sentence included, with no CR', (columns) => {
    const testPage = buildTestReceipt();
    const decoded = decodeEscPos(encodeReceipt(testPage, config({ columns }), {}));
    expect(decoded.carriageReturns).toBe(0);
    for (const line of decoded.lines) expect(line.length, line).toBeLessThanOrEqual(columns);
    // Whole, not wrapped: both sentences fit even the 32 columns of 58 mm paper.
    expect(decoded.lines).toEqual(expect.arrayContaining(['Une seule ligne ci-dessous :', expect.stringMatching(/^ *Ce QR code doit se lire : *$/)]));
  });

  it.each([32, 48])('prints exactly the preview rows at %i columns', (columns) => {
    const printer = config({ columns });
    const decoded = decodeEscPos(encodeReceipt(receipt, printer, { openDrawer: true }));
    expect(decoded.lines).toEqual(paperLines(receipt, printer, true));
  });

  it("numbers the code page the way the printer's brand does: CP858 is ESC t 2 on a Citizen, the € byte stays 0xD5", () => {
    const bytes = encodeReceipt(buildTestReceipt(), config({ brand: 'citizen' }));
    expect(decodeEscPos(bytes).codepages).toEqual([2]);
    expect(contains(bytes, [...bytesOf('1 234,50 '), 0xd5])).toBe(true);
  });

  it('prints € as 0x80 in Windows 1252 (ESC t 16), for printers whose CP858 table is wrong', () => {
    const bytes = encodeReceipt(buildTestReceipt(), config({ codepage: 'windows1252' }));
    expect(decodeEscPos(bytes).codepages).toEqual([16]);
    expect(contains(bytes, [...bytesOf('1 234,50 '), 0x80])).toBe(true);
  });

  it('selects CP858 and writes € as 0xD5 and the accents in CP858', () => {
    const bytes = encodeReceipt(buildTestReceipt(), config());
    expect(decodeEscPos(bytes).codepages).toEqual([19]); // ESC t 19: PC858 in Epson's numbering
    expect(contains(bytes, [...bytesOf('1 234,50 '), 0xd5])).toBe(true);
    // é è à ç ô ï ù, then É È À Ç Ô Ï Ù
    expect(contains(bytes, [0x82, 0x20, 0x8a, 0x20, 0x85, 0x20, 0x87, 0x20, 0x93, 0x20, 0x8b, 0x20, 0x97])).toBe(true);
    expect(contains(bytes, [0x90, 0x20, 0xd4, 0x20, 0xb7, 0x20, 0x80, 0x20, 0xe2, 0x20, 0xd8, 0x20, 0xeb])).toBe(true);
    expect(decodeEscPos(bytes).lines).toContain('Accents : é è à ç ô ï ù');
  });

  it('pulses the drawer on the configured pin only when asked', () => {
    expect(decodeEscPos(encodeReceipt(receipt, config())).pulses).toEqual([]);
    expect(decodeEscPos(encodeReceipt(receipt, config(), { openDrawer: true })).pulses).toEqual([{ pin: 2 }]);
    expect(decodeEscPos(encodeReceipt(receipt, config({ drawerPin: 5 }), { openDrawer: true })).pulses).toEqual([{ pin: 5 }]);
    expect(decodeEscPos(encodeDrawerKick(config({ drawerPin: 5 })))).toMatchObject({ pulses: [{ pin: 5 }], cuts: 0, qr: [] });
  });

  it('cuts only when configured, and always feeds the paper past the tear bar', () => {
    expect(decodeEscPos(encodeReceipt(receipt, config())).cuts).toBe(1);
    const uncut = config({ cut: false });
    const decoded = decodeEscPos(encodeReceipt(receipt, uncut));
    expect(decoded.cuts).toBe(0);
    expect(decoded.lines).toEqual(paperLines(receipt, uncut, false));
  });

  it('prints the QR code natively with its payload', () => {
    expect(decodeEscPos(encodeReceipt(receipt, config())).qr).toEqual(['ETAL:3f2a9c1b:1:2026-12-05:4950']);
  });

  it('refuses a code page it does not know', () => {
    expect(() => encodeReceipt(receipt, config({ codepage: 'klingon' }))).toThrow(UnsupportedCodepageError);
  });
});
