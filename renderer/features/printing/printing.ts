/**
 * The till side of printing: build the receipt document from a saved sale,
 * send it over the bridge, and turn whatever happens into one sentence the
 * stall-holder can act on. Printing always starts after the sale is
 * committed and never changes it; a printer problem is a result here, not a
 * throw, and no call waits longer than CLIENT_TIMEOUT_MS.
 */
import type { TFunction } from 'i18next';
import { formatInteger } from '../../../shared/format';
import { buildReceipt, type Receipt } from '../../../shared/receipt';
import type { PrinterConfig, PrinterConnection } from '../../../shared/schemas/printer';
import type { Coop, Member, Sale } from '../../../shared/schemas';
import { BridgeFailure, bridgeErrorCodes, invoke } from '../../bridge';
import type { EtalDb } from '../../db/db';

/** The host gives up after 2.5 s; this is the renderer's own guard, so the answer is on screen within 3 s. */
export const CLIENT_TIMEOUT_MS = 2900;

export type PrintOutcome = { ok: true; ms: number; warning?: string } | { ok: false; code: string; detail: string };

/** The failure codes with their own sentence; anything else reads as a generic problem ('io'). */
export const PRINT_ERROR_CODES = ['refused', 'timeout', 'closed', 'paper-out', 'not-found', 'permission', 'unsupported', 'not-a-printer', 'host-unreachable', 'io'] as const;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new BridgeFailure('timeout', `no answer from the host within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

type Job = { channel: 'printer:print-receipt'; input: { printer: PrinterConfig; receipt: Receipt; openDrawer: boolean } } | { channel: 'printer:test'; input: { printer: PrinterConfig; coop?: Pick<Coop, 'name' | 'cae'> } } | { channel: 'printer:open-drawer'; input: { printer: PrinterConfig } };

export async function runPrinterJob(job: Job): Promise<PrintOutcome> {
  try {
    const result = await withTimeout(
      job.channel === 'printer:print-receipt'
        ? invoke('printer:print-receipt', job.input)
        : job.channel === 'printer:test'
          ? invoke('printer:test', job.input)
          : invoke('printer:open-drawer', job.input),
      CLIENT_TIMEOUT_MS,
    );
    if (result.ok) return { ok: true, ms: result.ms, ...(result.warning ? { warning: result.warning } : {}) };
    return { ok: false, code: result.error?.code ?? 'io', detail: result.error?.detail ?? '' };
  } catch (error) {
    if (error instanceof BridgeFailure) return { ok: false, code: error.code, detail: error.detail };
    return { ok: false, code: bridgeErrorCodes.internal, detail: error instanceof Error ? error.message : String(error) };
  }
}

export function printReceipt(printer: PrinterConfig, receipt: Receipt, openDrawer: boolean): Promise<PrintOutcome> {
  return runPrinterJob({ channel: 'printer:print-receipt', input: { printer, receipt, openDrawer } });
}

export function kickDrawer(printer: PrinterConfig): Promise<PrintOutcome> {
  return runPrinterJob({ channel: 'printer:open-drawer', input: { printer } });
}

export function printTestPage(printer: PrinterConfig, coop: Pick<Coop, 'name' | 'cae'>): Promise<PrintOutcome> {
  return runPrinterJob({ channel: 'printer:test', input: { printer, coop: { name: coop.name, cae: coop.cae } } });
}

/**
 * The receipt of a saved sale, with the cashier and, for a cancellation, the
 * cancelled ticket. `duplicate` is the copy's duplicate number (takeCopy in
 * db/prints.ts): 0 prints the original, k ≥ 1 "DUPLICATA n° k".
 */
export async function receiptForSale(db: EtalDb, coop: Coop, members: readonly Member[], sale: Sale, duplicate = 0): Promise<Receipt> {
  const cashier = members.find((m) => m.id === sale.memberId)?.firstName;
  const original = sale.cancelsId ? await db.sales.get(sale.cancelsId) : undefined;
  return buildReceipt(sale, coop, {
    duplicate: duplicate > 0,
    ...(duplicate > 0 ? { duplicateNumber: duplicate, printedAt: new Date().toISOString() } : {}),
    ...(cashier ? { cashierName: cashier } : {}),
    ...(original ? { originalTicketNumber: original.ticketNumber } : {}),
  });
}

/** "the network printer 192.168.1.50", "the USB printer /dev/usb/lp0"… */
export function printerLabel(t: TFunction, connection: PrinterConnection): string {
  switch (connection.kind) {
    case 'network':
      return t('printing.label.network', { address: connection.port === 9100 ? connection.host : `${connection.host}:${formatPort(connection.port)}` });
    case 'device':
      return t('printing.label.device', { path: connection.path });
    case 'serial':
      return t('printing.label.serial', { path: connection.path });
    case 'os':
      return t('printing.label.os', { name: connection.name });
  }
}

/** Ports are identifiers: no thousands separator. */
function formatPort(port: number): string {
  return formatInteger(port).replace(/\D/g, '');
}

/** One sentence: which printer, what happened, what to try. */
export type PrintJobKind = 'receipt' | 'duplicate' | 'test' | 'drawer';

const FAILURE_KEYS: Record<PrintJobKind, string> = {
  receipt: 'printing.failed',
  duplicate: 'printing.duplicateFailed',
  test: 'printing.testFailed',
  drawer: 'printing.drawerFailed',
};

export function printFailureSentence(t: TFunction, printer: PrinterConfig, code: string, job: PrintJobKind = 'receipt'): string {
  const known = (PRINT_ERROR_CODES as readonly string[]).includes(code) ? code : 'io';
  return t(FAILURE_KEYS[job], {
    printer: printerLabel(t, printer.connection),
    what: t(`printing.what.${known}`),
    todo: t(`printing.todo.${known}`),
  });
}
