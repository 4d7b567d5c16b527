/**
 * The printer form's draft: text exactly as typed, checked into a printer
 * config or the problems to show next to each field (French via "err.*").
 */
import { PAPER_COLUMNS, paperWidthMm, printerConfigSchema, type PrinterBrand, type PrinterConfig, type PrinterKind } from '../../../shared/schemas/printer';
import { check } from '../../ui/checked';

export type Kind = PrinterKind | 'none';

export type PrinterDraft = {
  kind: Kind;
  host: string;
  port: string;
  devicePath: string;
  serialPath: string;
  baudRate: string;
  queue: string;
  paper: 58 | 80;
  cut: boolean;
  drawerOnCash: boolean;
  drawerPin: 2 | 5;
  brand: PrinterBrand;
  codepage: string;
};


export function printerDraftFrom(printer: PrinterConfig | undefined): PrinterDraft {
  const c = printer?.connection;
  return {
    kind: c?.kind ?? 'none',
    host: c?.kind === 'network' ? c.host : '',
    port: c?.kind === 'network' ? String(c.port) : '9100',
    devicePath: c?.kind === 'device' ? c.path : '/dev/usb/lp0',
    serialPath: c?.kind === 'serial' ? c.path : '',
    baudRate: c?.kind === 'serial' ? String(c.baudRate) : '9600',
    queue: c?.kind === 'os' ? c.name : '',
    paper: printer ? paperWidthMm(printer.columns) : 80,
    cut: printer?.cut ?? true,
    drawerOnCash: printer?.drawerOnCash ?? true,
    drawerPin: printer?.drawerPin ?? 2,
    brand: printer?.brand ?? 'epson',
    codepage: printer?.codepage ?? 'cp858',
  };
}

/** Digits only: "9 100" or "9100 " still read as 9100; anything else is refused next to the field. */
function parseWhole(text: string): number {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '');
  return /^\d{1,6}$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

function connectionInput(d: PrinterDraft): unknown {
  switch (d.kind) {
    case 'network':
      return { kind: 'network', host: d.host, port: parseWhole(d.port) };
    case 'device':
      return { kind: 'device', path: d.devicePath };
    case 'serial':
      return { kind: 'serial', path: d.serialPath, baudRate: parseWhole(d.baudRate) };
    case 'os':
      return { kind: 'os', name: d.queue };
    case 'none':
      return undefined;
  }
}

/** The draft as a printer config, or the problems to show next to each field ('none' is a valid choice: no printer). */
export function checkPrinterDraft(d: PrinterDraft) {
  if (d.kind === 'none') return { ok: true as const, value: undefined };
  return check(printerConfigSchema, {
    connection: connectionInput(d),
    columns: PAPER_COLUMNS[d.paper],
    cut: d.cut,
    drawerOnCash: d.drawerOnCash,
    drawerPin: d.drawerPin,
    brand: d.brand,
    codepage: d.codepage,
  });
}

