/**
 * What the printer handlers call: layout + encode + send, one answer each,
 * never a throw. Jobs for the same printer go one at a time: two receipts
 * written to /dev/usb/lp0 at once would interleave on the paper, and most
 * network printers serve one connection at a time.
 */
import QRCode from 'qrcode';
import { buildTestReceipt, layoutReceiptRows, type Receipt, type ReceiptHeader } from '../../shared/receipt';
import { receiptPageHtml, silentPrintOptions } from '../../shared/receipt-paper';
import { encodeDrawerKick, encodeReceipt, UnsupportedCodepageError, type PrinterConfig } from './encode';
import { sendToPrinter, type SendResult, type TransportOptions } from './transports';

export type { PrinterConfig } from './encode';
export type PrintResult = SendResult;

const queues = new Map<string, Promise<unknown>>();

function printerKey(config: PrinterConfig): string {
  const c = config.connection;
  switch (c.kind) {
    case 'network':
      return `network:${c.host}:${c.port}`;
    case 'device':
    case 'serial':
      return `${c.kind}:${c.path}`;
    case 'os':
      return `os:${c.name}`;
  }
}

function oneAtATime(config: PrinterConfig, job: () => Promise<PrintResult>): Promise<PrintResult> {
  const key = printerKey(config);
  const previous = queues.get(key) ?? Promise.resolve();
  const current = previous.then(job, job);
  const settled = current.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return current;
}

async function send(config: PrinterConfig, encode: () => Uint8Array, options: TransportOptions): Promise<PrintResult> {
  const started = performance.now();
  let bytes: Uint8Array;
  try {
    bytes = encode();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, ms: Math.round(performance.now() - started), error: { code: error instanceof UnsupportedCodepageError ? 'unsupported' : 'io', detail } };
  }
  return oneAtATime(config, () => sendToPrinter(config.connection, bytes, options));
}

/**
 * Prints a page through an OS printer's own driver, silently (Electron's
 * `webContents.print`, wired in main.ts). Answers once the spooler took it.
 */
export type PagePrinter = (job: {
  deviceName: string;
  html: string;
  options: ReturnType<typeof silentPrintOptions>;
}) => Promise<{ ok: true } | { ok: false; reason: string }>;

export type PrintOptions = TransportOptions & {
  /** Windows printers installed with a driver take pages, not ESC/POS bytes. */
  pagePrinter?: PagePrinter;
};

/**
 * Windows has no raw spooler path without a native module (LIBRARIES.md):
 * a driver-installed printer gets the receipt as a page the size of the
 * roll, laid out from the same rows as the preview and the ESC/POS bytes.
 */
async function printPage(receipt: Receipt, config: PrinterConfig, deviceName: string, pagePrinter: PagePrinter, timeoutMs: number): Promise<PrintResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const rows = layoutReceiptRows(receipt, config.columns);
    const svgs = await Promise.all(rows.flatMap((row) => (row.kind === 'qr' ? [QRCode.toString(row.payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })] : [])));
    const job = { deviceName, html: receiptPageHtml(rows, config.columns, svgs), options: silentPrintOptions(deviceName, rows, config.columns) };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const answer = await Promise.race([pagePrinter(job), timeout]).finally(() => clearTimeout(timer));
    if (answer === 'timeout') return { ok: false, ms: elapsed(), error: { code: 'timeout', detail: `the Windows spooler did not answer for ${deviceName}` } };
    if (answer.ok) return { ok: true, ms: elapsed() };
    const code = /cancel/i.test(answer.reason) ? 'io' : /invalid|not found|no printer/i.test(answer.reason) ? 'not-found' : 'io';
    return { ok: false, ms: elapsed(), error: { code, detail: answer.reason } };
  } catch (error) {
    return { ok: false, ms: elapsed(), error: { code: 'io', detail: error instanceof Error ? error.message : String(error) } };
  }
}

export function printReceipt(receipt: Receipt, config: PrinterConfig, options: { openDrawer?: boolean } & PrintOptions = {}): Promise<PrintResult> {
  const { openDrawer = false, pagePrinter, ...transport } = options;
  const c = config.connection;
  if (c.kind === 'os' && (transport.platform ?? process.platform) === 'win32' && pagePrinter) {
    // A drawer on a driver-installed printer cannot be kicked from a page: the receipt still prints.
    return oneAtATime(config, () => printPage(receipt, config, c.name, pagePrinter, transport.timeoutMs ?? 2500));
  }
  return send(config, () => encodeReceipt(receipt, config, { openDrawer }), transport);
}

/** "Imprimer un test": €, the accents, an amount, a ruler, a QR code and the co-op header. */
export function printTestPage(config: PrinterConfig, coop?: ReceiptHeader, options: PrintOptions = {}): Promise<PrintResult> {
  return printReceipt(buildTestReceipt(coop), config, options);
}

/** "Ouvrir le tiroir": a pulse on the configured pin, nothing printed. */
export function openDrawer(config: PrinterConfig, options: TransportOptions = {}): Promise<PrintResult> {
  return send(config, () => encodeDrawerKick(config), options);
}
