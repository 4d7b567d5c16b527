/**
 * The receipt as data: built once from a sale and the co-op's settings, then
 * laid out into fixed-width text rows that both the on-screen preview and the
 * ESC/POS encoder use, so the preview is what comes out of the printer.
 *
 * A receipt is a French legal document (DOMAIN.md, "Receipts"): every
 * mention listed there is built here, in French, whatever the interface
 * language. The labels sit in one table so another language can be added
 * without touching the layout.
 *
 * Pure: no DOM, Node or Dexie. The main process receives a `Receipt` over the
 * bridge, so the schema bounds every string and refuses control characters (a
 * stray ESC in a product name would otherwise be a printer command).
 */
import { z } from 'zod';
import { formatAmount, formatDateTime, formatMoney, formatQuantity, formatRate, plainSpaces } from './format';
import type { Coop } from './schemas/coop';
import type { Unit } from './schemas/product';
import type { PaymentMethod, Sale, SaleLine } from './schemas/sale';

// ---------------------------------------------------------------------------
// Schema

const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/;
const TEXT_MAX = 1000;
const QR_MAX = 300;

function receiptString(max: number) {
  return z.string().max(max).regex(NO_CONTROL, 'control characters are not allowed on a receipt');
}

export const receiptAlignSchema = z.enum(['left', 'center', 'right']);
export type ReceiptAlign = z.infer<typeof receiptAlignSchema>;

/** `tall` is double height (same width); `double` is double width and height. */
export const receiptTextSizeSchema = z.enum(['normal', 'tall', 'double']);
export type ReceiptTextSize = z.infer<typeof receiptTextSizeSchema>;

export const receiptBlockSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: receiptString(TEXT_MAX),
    align: receiptAlignSchema.default('left'),
    bold: z.boolean().default(false),
    size: receiptTextSizeSchema.default('normal'),
  }),
  /** "left text … right amount": the amount stays right-aligned whatever the wrapping. */
  z.object({
    kind: z.literal('row'),
    left: receiptString(500),
    right: receiptString(60),
    indent: z.number().int().min(0).max(8).default(0),
    bold: z.boolean().default(false),
    size: z.enum(['normal', 'tall']).default('normal'),
  }),
  /** First column left-aligned, the others right-aligned (the VAT table). */
  z
    .object({
      kind: z.literal('table'),
      header: z.array(receiptString(40)).min(2).max(6),
      rows: z
        .array(z.object({ cells: z.array(receiptString(40)).min(2).max(6), bold: z.boolean().default(false) }))
        .max(20),
    })
    .refine((t) => t.rows.every((r) => r.cells.length === t.header.length), 'every row needs one cell per column'),
  z.object({ kind: z.literal('separator'), style: z.enum(['single', 'double']).default('single') }),
  z.object({ kind: z.literal('blank') }),
  z.object({ kind: z.literal('qr'), payload: receiptString(QR_MAX).min(1) }),
  z.object({ kind: z.literal('cut') }),
]);
export type ReceiptBlock = z.output<typeof receiptBlockSchema>;

export const receiptSchema = z.object({
  version: z.literal(1),
  kind: z.enum(['sale', 'cancellation', 'test', 'closing']),
  duplicate: z.boolean().default(false),
  /** The ticket reference (see `ticketReference`), for logs; not printed by itself. */
  reference: receiptString(120).optional(),
  blocks: z.array(receiptBlockSchema).min(1).max(5000),
});
export type Receipt = z.output<typeof receiptSchema>;

// ---------------------------------------------------------------------------
// Labels

export type ReceiptLanguage = 'fr';

export type ReceiptLabels = {
  siret: string;
  vatNumber: string;
  forCollective: (name: string) => string;
  till: string;
  ticket: (n: number) => string;
  servedBy: string;
  duplicate: string;
  /** The k-th duplicate of a document ("DUPLICATA n° 2"). */
  duplicateNumbered: (k: number) => string;
  reprintedAt: (dateTime: string) => string;
  cancellationOf: (ticket: number | undefined) => string;
  reason: string;
  discount: string;
  lineTotal: string;
  totalDiscount: string;
  discountReason: string;
  total: string;
  vatTable: { rate: string; ht: string; vat: string; ttc: string; total: string };
  payment: string;
  refund: string;
  tendered: string;
  change: string;
  methods: Record<PaymentMethod, string>;
  /** [one, other]: every quantity prints with its unit, "2 pièces x 12,00 €" like "1,5 m x 12,00 €/m". */
  units: Record<Unit, readonly [string, string]>;
  /** Suffix after a unit price ("12,00 €/m"); empty for pieces. */
  perUnit: Record<Unit, string>;
  testPage: {
    title: string;
    accents: string;
    capitals: string;
    amount: string;
    ruler: string;
    qr: string;
    end: string;
  };
};

export const RECEIPT_LABELS: Record<ReceiptLanguage, ReceiptLabels> = {
  fr: {
    siret: 'SIRET',
    vatNumber: 'N° TVA',
    forCollective: (name) => `pour le collectif ${name}`,
    till: 'Caisse',
    ticket: (n) => `Ticket n° ${n}`,
    servedBy: 'Servi par',
    duplicate: 'DUPLICATA',
    duplicateNumbered: (k) => `DUPLICATA n° ${k}`,
    reprintedAt: (dateTime) => `Réimprimé le ${dateTime}`,
    cancellationOf: (ticket) => (ticket === undefined ? 'ANNULATION d’une vente' : `ANNULATION de la vente n° ${ticket}`),
    reason: 'Motif',
    discount: 'Remise',
    lineTotal: 'Total ligne',
    totalDiscount: 'Total remises',
    discountReason: 'Motif de la remise',
    total: 'TOTAL TTC',
    vatTable: { rate: 'TVA', ht: 'HT €', vat: 'TVA €', ttc: 'TTC €', total: 'Total' },
    payment: 'Paiement',
    refund: 'Remboursement',
    tendered: 'Reçu',
    change: 'Rendu',
    methods: { cash: 'Espèces', card: 'Carte bancaire', cheque: 'Chèque', transfer: 'Virement', other: 'Autre' },
    units: { piece: ['pièce', 'pièces'], metre: ['m', 'm'], kg: ['kg', 'kg'], portion: ['portion', 'portions'] },
    perUnit: { piece: '', metre: '/m', kg: '/kg', portion: '/portion' },
    testPage: {
      title: 'Page de test Étal',
      accents: 'Accents : é è à ç ô ï ù',
      capitals: 'Majuscules : É È À Ç Ô Ï Ù',
      amount: 'Montant',
      // 28 characters: fits the 32 columns of 58 mm paper too.
      ruler: 'Une seule ligne ci-dessous :',
      qr: 'Ce QR code doit se lire :',
      end: 'Fin de la page de test',
    },
  },
};

// ---------------------------------------------------------------------------
// Building

export type BuildReceiptOptions = {
  /** A reprint: "DUPLICATA" top and bottom. */
  duplicate?: boolean;
  /** Which duplicate of this sale it is (1 for the first reprint): "DUPLICATA n° k". */
  duplicateNumber?: number;
  /** The QR payload; default the ticket reference, `false` for none (also none past 300 characters). */
  qr?: string | false;
  /** When a duplicate is printed (ISO instant). */
  printedAt?: string;
  cashierName?: string;
  /** For a cancellation: the cancelled sale's ticket number. */
  originalTicketNumber?: number;
  language?: ReceiptLanguage;
};

/**
 * `ETAL:<till>:<ticket>:<day>:<ttc cents>`, e.g. `ETAL:3f2a9c1b:12:2026-12-05:4950`.
 * The first 8 letters/digits of the till id plus the ticket number identify
 * the sale (ticket numbers are gapless per till); the business day and the
 * amount let a person check a receipt against the history without the app.
 */
export function ticketReference(sale: Pick<Sale, 'tillId' | 'ticketNumber' | 'businessDay' | 'totals'>): string {
  const till = sale.tillId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'till';
  return `ETAL:${till}:${sale.ticketNumber}:${sale.businessDay}:${sale.totals.ttc}`;
}

/** Cash moves (change given, or a cash refund) unless it is a reprint. */
export function opensDrawer(sale: Pick<Sale, 'payments'>, options: { duplicate?: boolean } = {}): boolean {
  return !options.duplicate && sale.payments.some((p) => p.method === 'cash');
}

const money = (cents: number) => plainSpaces(formatMoney(cents));
const amount = (cents: number) => plainSpaces(formatAmount(cents));

/** 44312345600016 → "443 123 456 00016" (SIREN, then the establishment). */
function formatSiret(siret: string): string {
  return /^\d{14}$/.test(siret) ? `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}` : siret;
}

/**
 * Control characters (a pasted tab, a newline) become spaces and long text is
 * cut to the schema's bounds, so a receipt built here always passes the bridge.
 */
export function cleanReceiptText(text: string, max = TEXT_MAX): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim().slice(0, max);
}
const clean = cleanReceiptText;

/** A line of text, cleaned; left-aligned, normal size and weight unless `extra` says otherwise. */
export function receiptText(value: string, extra: Partial<Extract<ReceiptBlock, { kind: 'text' }>> = {}): ReceiptBlock {
  return { kind: 'text', text: clean(value), align: 'left', bold: false, size: 'normal', ...extra };
}

/** A label on the left and a figure on the right, cleaned to the schema's bounds. */
export function receiptRow(left: string, right: string, extra: Partial<Extract<ReceiptBlock, { kind: 'row' }>> = {}): ReceiptBlock {
  return { kind: 'row', left: clean(left, 500), right: clean(right, 60), indent: 0, bold: false, size: 'normal', ...extra };
}

export const RECEIPT_SEPARATOR: ReceiptBlock = { kind: 'separator', style: 'single' };

/** "2 pièces", "1 pièce", "1,5 m": a quantity in thousandths with its unit as printed (bare for a record without one). */
export function quantityWithUnit(quantity: number, unit: Unit | undefined, labels: ReceiptLabels = RECEIPT_LABELS.fr): string {
  const text = plainSpaces(formatQuantity(quantity));
  if (!unit) return text;
  const [one, other] = labels.units[unit];
  return `${text} ${Math.abs(quantity) === 1000 ? one : other}`;
}

function quantityText(line: SaleLine, labels: ReceiptLabels): string {
  return `${quantityWithUnit(line.quantity, line.unit, labels)} x ${money(line.unitPrice)}${labels.perUnit[line.unit]}`;
}

/** The co-op header: what a test page needs of the co-op too. */
export type ReceiptHeader = Pick<Coop, 'name' | 'cae'>;

export function header(coop: ReceiptHeader, labels: ReceiptLabels = RECEIPT_LABELS.fr): ReceiptBlock[] {
  const center = (text: string, bold = false): ReceiptBlock => ({ kind: 'text', text: clean(text), align: 'center', bold, size: 'normal' });
  return [
    center(coop.cae.name, true),
    ...coop.cae.address.split(/\r?\n/).filter((l) => l.trim()).map((l) => center(l)),
    center(`${labels.siret} ${formatSiret(coop.cae.siret)}`),
    center(`${labels.vatNumber} ${coop.cae.vatNumber}`),
    ...(coop.cae.rcs ? [center(coop.cae.rcs)] : []),
    center(labels.forCollective(coop.name), true),
  ];
}

export function buildReceipt(sale: Sale, coop: Coop, options: BuildReceiptOptions = {}): Receipt {
  const labels = RECEIPT_LABELS[options.language ?? 'fr'];
  const cancellation = sale.type === 'cancellation';
  const duplicate = options.duplicate ?? false;
  const text = receiptText;
  const row = receiptRow;
  const separator = RECEIPT_SEPARATOR;
  const duplicateMark = text(options.duplicateNumber ? labels.duplicateNumbered(options.duplicateNumber) : labels.duplicate, { align: 'center', bold: true, size: 'double' });

  const blocks: ReceiptBlock[] = [...header(coop, labels), separator];

  if (duplicate) {
    blocks.push(duplicateMark);
    if (options.printedAt) blocks.push(text(labels.reprintedAt(formatDateTime(options.printedAt, coop.timeZone)), { align: 'center' }));
  }
  if (cancellation) {
    blocks.push(text(labels.cancellationOf(options.originalTicketNumber), { align: 'center', bold: true, size: 'tall' }));
    if (sale.reason) blocks.push(text(`${labels.reason} : ${sale.reason}`));
  }

  blocks.push(
    row(labels.ticket(sale.ticketNumber), formatDateTime(sale.at, coop.timeZone)),
    text(`${labels.till} : ${coop.tillName}`),
  );
  if (options.cashierName) blocks.push(text(`${labels.servedBy} : ${options.cashierName}`));
  blocks.push(separator);

  for (const line of sale.lines) {
    blocks.push(text(line.name), row(quantityText(line, labels), money(line.gross), { indent: 2 }));
    if (line.discount !== 0) {
      blocks.push(row(labels.discount, money(-line.discount), { indent: 2 }), row(labels.lineTotal, money(line.total), { indent: 2 }));
    }
  }
  blocks.push(separator);

  const totalDiscount = sale.lines.reduce((a, l) => a + l.discount, 0);
  if (totalDiscount !== 0) {
    blocks.push(row(labels.totalDiscount, money(-totalDiscount)));
    if (sale.discountReason) blocks.push(text(`${labels.discountReason} : ${sale.discountReason}`));
  }
  blocks.push(row(labels.total, money(sale.totals.ttc), { bold: true, size: 'tall' }), { kind: 'blank' });

  const vat = labels.vatTable;
  blocks.push({
    kind: 'table',
    header: [vat.rate, vat.ht, vat.vat, vat.ttc],
    rows: [
      ...sale.totals.byRate.map((r) => ({
        cells: [plainSpaces(formatRate(r.rate)), amount(r.ht), amount(r.vat), amount(r.ttc)],
        bold: false,
      })),
      { cells: [vat.total, amount(sale.totals.ht), amount(sale.totals.vat), amount(sale.totals.ttc)], bold: true },
    ],
  });
  blocks.push(separator, text(cancellation ? labels.refund : labels.payment, { bold: true }));
  for (const payment of sale.payments) {
    blocks.push(row(labels.methods[payment.method], money(payment.amount)));
    if (payment.tendered !== undefined) blocks.push(row(labels.tendered, money(payment.tendered), { indent: 2 }));
    if (payment.change !== undefined) blocks.push(row(labels.change, money(payment.change), { indent: 2 }));
  }

  const footer = coop.receiptFooter.split(/\r?\n/).map((l) => clean(l)).filter(Boolean);
  if (footer.length > 0) {
    blocks.push(separator, ...footer.map((l) => text(l, { align: 'center' })));
  }

  const reference = ticketReference(sale);
  const qr = options.qr === undefined ? reference : options.qr && clean(options.qr, QR_MAX + 1);
  if (duplicate) blocks.push({ kind: 'blank' }, duplicateMark);
  if (qr && qr.length <= QR_MAX) {
    blocks.push({ kind: 'blank' }, { kind: 'qr', payload: qr });
    // A printed reference under its QR code still identifies the sale when no one has a scanner.
    if (qr === reference) blocks.push(text(reference, { align: 'center' }));
  }
  blocks.push({ kind: 'cut' });

  return { version: 1, kind: cancellation ? 'cancellation' : 'sale', duplicate, reference, blocks };
}

/**
 * The test page of "Imprimer un test": every accent a French receipt needs,
 * €, an amount with a thousands separator, a ruler to check the paper width,
 * a QR code and, when known, the co-op's header.
 */
export function buildTestReceipt(coop?: ReceiptHeader, options: { language?: ReceiptLanguage; qr?: string } = {}): Receipt {
  const labels = RECEIPT_LABELS[options.language ?? 'fr'];
  const t = labels.testPage;
  const text = (value: string, align: ReceiptAlign = 'left', bold = false): ReceiptBlock => ({ kind: 'text', text: value, align, bold, size: 'normal' });
  const qr = options.qr ?? 'ETAL:TEST';
  return {
    version: 1,
    kind: 'test',
    duplicate: false,
    blocks: [
      ...(coop ? [...header(coop, labels), { kind: 'separator', style: 'single' } as const] : []),
      { kind: 'text', text: t.title, align: 'center', bold: true, size: 'double' },
      { kind: 'blank' },
      text(t.accents),
      text(t.capitals),
      { kind: 'row', left: t.amount, right: money(123450), indent: 0, bold: false, size: 'normal' },
      { kind: 'row', left: t.amount, right: money(-50), indent: 0, bold: true, size: 'tall' },
      text(t.ruler),
      // On paper narrower than the configured columns this line wraps: the setting is wrong.
      { kind: 'separator', style: 'double' },
      text(t.qr, 'center'),
      text(qr, 'center'),
      { kind: 'qr', payload: qr },
      text(t.end, 'center'),
      { kind: 'cut' },
    ],
  };
}

// ---------------------------------------------------------------------------
// Layout

/** What CP858 prints above 0x7F, in byte order (soft hyphen and no-break space left out). */
const CP858_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´±‗¾¶§÷¸°¨·¹³²■';
const PRINTABLE = new Set([...CP858_HIGH]);

/** Typography a keyboard or a phone adds, mapped to what every code page has. */
const TYPOGRAPHY: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2026': '...',
  '\u2022': '-',
  '\u0152': 'OE',
  '\u0153': 'oe',
};

/**
 * Text as the printer will print it: NFC, spaces made plain, typographic
 * punctuation made ASCII, accents outside CP858 stripped (ő → o), anything
 * else (emoji) as "?". Done here rather than left to the encoder so the
 * preview shows exactly the characters that reach the paper.
 */
export function printableText(text: string): string {
  let out = '';
  for (const ch of plainSpaces(text.normalize('NFC')).replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')) {
    if ((ch >= ' ' && ch <= '~') || PRINTABLE.has(ch)) out += ch;
    else if (/\s/.test(ch)) out += ' ';
    else if (TYPOGRAPHY[ch] !== undefined) out += TYPOGRAPHY[ch];
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base.length > 0 && [...base].every((c) => (c >= ' ' && c <= '~') || PRINTABLE.has(c)) ? base : '?';
    }
  }
  return out;
}

/** Greedy word wrap; a word longer than the width is cut. */
export function wrapText(text: string, width: number): string[] {
  const words = text.split(' ').filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (let word of words) {
    while (word.length > width) {
      if (current) {
        lines.push(current);
        current = '';
      }
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!word) continue;
    if (!current) current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  return lines;
}

function aligned(text: string, width: number, align: ReceiptAlign): string {
  const gap = Math.max(0, width - text.length);
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + text;
  return text;
}

/**
 * One printed row. For `double` text, `text` holds what the printer prints at
 * double width, aligned within half the columns; every other row is at most
 * `columns` long. Trailing spaces are never kept.
 */
export type LaidRow =
  | { kind: 'text'; text: string; bold: boolean; size: ReceiptTextSize }
  | { kind: 'qr'; payload: string }
  | { kind: 'cut' };

export const MIN_COLUMNS = 16;
export const MAX_COLUMNS = 80;

function layoutRow(left: string, right: string, indent: number, width: number): string[] {
  const pad = ' '.repeat(indent);
  const avail = width - indent;
  const rightLines = wrapText(right, avail);
  const lastRight = rightLines.pop() ?? '';
  const leftLines = [...wrapText(left, avail), ...rightLines];
  const last = leftLines.at(-1);
  if (last !== undefined && last.length + 1 + lastRight.length <= avail) {
    leftLines[leftLines.length - 1] = last + ' '.repeat(avail - last.length - lastRight.length) + lastRight;
  } else {
    leftLines.push(aligned(lastRight, avail, 'right'));
  }
  return leftLines.map((l) => (pad + l).trimEnd());
}

function layoutTable(block: Extract<ReceiptBlock, { kind: 'table' }>, columns: number): Extract<LaidRow, { kind: 'text' }>[] {
  const header = block.header.map(printableText);
  const rows = block.rows.map((r) => ({ bold: r.bold, cells: r.cells.map(printableText) }));
  const all = [header, ...rows.map((r) => r.cells)];
  // Each right-hand column: its widest cell plus a gap, spread to a quarter of the paper when there is room.
  const needed = header.map((_, i) => Math.max(...all.map((cells) => (cells[i] ?? '').length)));
  const tight = needed.map((w, i) => (i === 0 ? w : w + 1));
  const roomy = tight.map((w, i) => (i === 0 ? w : Math.max(w, Math.min(12, Math.floor(columns / 4)))));
  const fits = (widths: number[]) => widths.reduce((a, w) => a + w, 0) <= columns;
  const widths = fits(roomy) ? roomy : tight;
  const plain = (text: string, bold = false) => ({ kind: 'text' as const, text: text.trimEnd(), bold, size: 'normal' as const });
  if (fits(widths)) {
    const firstWidth = columns - widths.slice(1).reduce((a, w) => a + w, 0);
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(firstWidth) : c.padStart(widths[i] ?? 0))).join('');
    return [plain(line(header)), ...rows.map((r) => plain(line(r.cells), r.bold))];
  }
  // Too narrow for side-by-side columns: one block per row, each amount on its own labelled row.
  return rows.flatMap((r) => [
    ...wrapText(r.cells[0] ?? '', columns).map((l) => plain(l, r.bold)),
    ...r.cells.slice(1).flatMap((cell, i) => layoutRow(header[i + 1] ?? '', cell, 2, columns).map((l) => plain(l, r.bold))),
  ]);
}

export function layoutReceiptRows(receipt: Receipt, columns: number): LaidRow[] {
  if (!Number.isInteger(columns) || columns < MIN_COLUMNS || columns > MAX_COLUMNS) {
    throw new RangeError(`columns must be an integer between ${MIN_COLUMNS} and ${MAX_COLUMNS}`);
  }
  const rows: LaidRow[] = [];
  for (const block of receipt.blocks) {
    switch (block.kind) {
      case 'text': {
        const width = block.size === 'double' ? Math.floor(columns / 2) : columns;
        const lines = wrapText(printableText(block.text), width);
        for (const line of lines.length > 0 ? lines : ['']) {
          rows.push({ kind: 'text', text: aligned(line, width, block.align).trimEnd(), bold: block.bold, size: block.size });
        }
        break;
      }
      case 'row':
        for (const line of layoutRow(printableText(block.left), printableText(block.right), block.indent, columns)) {
          rows.push({ kind: 'text', text: line, bold: block.bold, size: block.size });
        }
        break;
      case 'table':
        rows.push(...layoutTable(block, columns));
        break;
      case 'separator':
        rows.push({ kind: 'text', text: (block.style === 'double' ? '=' : '-').repeat(columns), bold: false, size: 'normal' });
        break;
      case 'blank':
        rows.push({ kind: 'text', text: '', bold: false, size: 'normal' });
        break;
      case 'qr':
        rows.push({ kind: 'qr', payload: block.payload });
        break;
      case 'cut':
        rows.push({ kind: 'cut' });
        break;
    }
  }
  return rows;
}

/**
 * The receipt as plain text lines of at most `columns` characters: the
 * on-screen preview and the golden files. Double-size rows are spread one
 * column per letter ("D U P L I C A T A"), which is exactly the room they take
 * on paper; a QR code shows as `[QR: payload]`; the cut shows nothing.
 */
export function layoutReceipt(receipt: Receipt, columns: number): string[] {
  return layoutReceiptRows(receipt, columns).flatMap((row) => {
    if (row.kind === 'cut') return [];
    if (row.kind === 'qr') {
      const payload = printableText(row.payload);
      const lines = payload.length + 6 <= columns ? [`[QR: ${payload}]`] : ['[QR]', ...wrapText(payload, columns)];
      return lines.map((l) => aligned(l, columns, 'center').trimEnd());
    }
    return [row.size === 'double' ? [...row.text].join(' ').trimEnd() : row.text];
  });
}
