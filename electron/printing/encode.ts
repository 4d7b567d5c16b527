/**
 * Receipt → ESC/POS bytes.
 *
 * The text printed is exactly `layoutReceiptRows` (the preview's rows): the
 * encoder only adds styles, the code page, the QR code, the drawer pulse and
 * the cut. `@point-of-sale/receipt-printer-encoder` does the byte work (code
 * page tables incl. CP858, `GS ( k` QR codes, `ESC p`, `GS V`); see README,
 * "Printing", for why this library rather than `escpos` or `receiptline`.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PrinterConnection } from '../../shared/contract';
import { layoutReceiptRows, type Receipt } from '../../shared/receipt';

/** Mirrors the contract's printer config (parsed), so the handler can pass it straight in. */
export type PrinterConfig = {
  connection: PrinterConnection;
  columns: number;
  codepage: string;
  /** How the printer numbers its code pages (absent: Epson's table). */
  brand?: string;
  cut: boolean;
  drawerPin: 2 | 5;
};

/** Lines fed before a cut: the cutter sits a few lines above the print head. */
const FEED_BEFORE_CUT = 4;

type Encoder = InstanceType<typeof ReceiptPrinterEncoder>;
type Codepage = Parameters<Encoder['codepage']>[0];
type CodepageMapping = NonNullable<ConstructorParameters<typeof ReceiptPrinterEncoder>[0]>['codepageMapping'];

export class UnsupportedCodepageError extends Error {}

function newEncoder(config: PrinterConfig): Encoder {
  const encoder = new ReceiptPrinterEncoder({
    columns: config.columns,
    feedBeforeCut: FEED_BEFORE_CUT,
    // LF alone: the library's default LF CR double-spaces on printers set to feed on CR too.
    newline: '\n',
    codepageMapping: (config.brand ?? 'epson') as CodepageMapping,
  });
  encoder.initialize();
  try {
    // The encoder knows its code pages; a config value from the renderer is only a string.
    encoder.codepage(config.codepage as Codepage);
  } catch (error) {
    throw new UnsupportedCodepageError(`unknown code page ${config.codepage}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return encoder;
}

/** ESC p: connector pin 2 is device 0, pin 5 is device 1. */
function pulse(encoder: Encoder, pin: 2 | 5): void {
  encoder.pulse(pin === 2 ? 0 : 1);
}

export function encodeReceipt(receipt: Receipt, config: PrinterConfig, options: { openDrawer?: boolean } = {}): Uint8Array {
  const encoder = newEncoder(config);
  // The drawer opens first, so the change can be counted while the receipt prints.
  if (options.openDrawer) pulse(encoder, config.drawerPin);
  for (const row of layoutReceiptRows(receipt, config.columns)) {
    switch (row.kind) {
      case 'text':
        if (row.bold) encoder.bold(true);
        if (row.size === 'tall') encoder.size(1, 2);
        if (row.size === 'double') encoder.size(2, 2);
        encoder.line(row.text);
        if (row.size !== 'normal') encoder.size(1, 1);
        if (row.bold) encoder.bold(false);
        break;
      case 'qr':
        encoder
          .align('center')
          .qrcode(row.payload, { model: 2, size: config.columns <= 32 ? 5 : 6, errorlevel: 'm' })
          .align('left');
        break;
      case 'cut':
        if (config.cut) encoder.cut('partial');
        else encoder.newline(FEED_BEFORE_CUT);
        break;
    }
  }
  return encoder.encode();
}

export function encodeDrawerKick(config: PrinterConfig): Uint8Array {
  const encoder = newEncoder(config);
  pulse(encoder, config.drawerPin);
  return encoder.encode();
}
