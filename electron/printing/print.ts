/**
 * What the printer handlers call: layout + encode + send, one answer each,
 * never a throw. Jobs for the same printer go one at a time: two receipts
 * written to /dev/usb/lp0 at once would interleave on the paper, and most
 * network printers serve one connection at a time.
 */
import { buildTestReceipt, type Receipt, type ReceiptHeader } from '../../shared/receipt';
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

export function printReceipt(
  receipt: Receipt,
  config: PrinterConfig,
  options: { openDrawer?: boolean } & TransportOptions = {},
): Promise<PrintResult> {
  const { openDrawer = false, ...transport } = options;
  return send(config, () => encodeReceipt(receipt, config, { openDrawer }), transport);
}

/** "Imprimer un test": €, the accents, an amount, a ruler, a QR code and the co-op header. */
export function printTestPage(config: PrinterConfig, coop?: ReceiptHeader, options: TransportOptions = {}): Promise<PrintResult> {
  return printReceipt(buildTestReceipt(coop), config, options);
}

/** "Ouvrir le tiroir": a pulse on the configured pin, nothing printed. */
export function openDrawer(config: PrinterConfig, options: TransportOptions = {}): Promise<PrintResult> {
  return send(config, () => encodeDrawerKick(config), options);
}
