/**
 * Quotes (devis), invoices (factures) and credit notes (avoirs) as A4 PDFs.
 *
 * Everything printed comes from the frozen snapshot (`OrderDocument`), so an
 * invoice reprinted in a year reads exactly as the day it was issued. The
 * mentions French law asks of an invoice are listed in DOMAIN.md, "Orders and
 * invoices"; the EPC QR code ("SEPA transfer") in "EPC QR code". The labels
 * are French whatever the interface language: these are legal documents.
 *
 * Rendered by pdfmake 0.3 through ./pdf.ts (its browser bundle and bundled
 * Roboto, loaded on first use, same bytes in the app and in Node tests). The
 * QR code is drawn as vector squares from the `qrcode` package's matrix
 * (error correction M): sharp at any zoom, no canvas or image decoding.
 */
import QRCode from 'qrcode';
import type { Column, Content, ContentTable, CustomTableLayout, Size, TDocumentDefinitions } from 'pdfmake/interfaces';
import { epcPayload, formatIban } from '../epc';
import { formatDay, formatMoney, formatQuantity, formatRate } from '../format';
import { allocate, htFromTtc, type Cents } from '../money';
import type { InvoiceLine } from '../schemas/order';
import { renderPdf, withPdfSpaces } from './pdf';
import { unitLabel, type BankDetails, type OrderDocument } from './types';

// ---------------------------------------------------------------------------
// Labels

export const PDF_LABELS = {
  title: { quote: 'DEVIS', invoice: 'FACTURE', creditNote: 'AVOIR' },
  fileStem: { quote: 'devis', invoice: 'facture', creditNote: 'avoir' },
  number: (n: string) => `n° ${n}`,
  issueDay: 'Date d’émission',
  quoteDay: 'Date du devis',
  validUntil: 'Valable jusqu’au',
  cancels: (n: string) => `Annule la facture ${n}`,
  forCollective: (name: string) => `pour le collectif ${name}`,
  siret: 'SIRET',
  rcs: 'RCS',
  vatNumber: 'N° TVA intracommunautaire',
  customer: { quote: 'Devis pour', invoice: 'Facturé à', creditNote: 'Client' },
  customerSiret: 'SIRET',
  customerSiren: 'SIREN',
  customerVat: 'N° TVA',
  /** After the legal form: "SCOP SARL au capital de 10 000 €". */
  capitalOf: (amount: string) => `au capital de ${amount}`,
  shareCapital: 'Capital social',
  nature: 'Nature',
  natures: { goods: 'livraison de biens', services: 'prestation de services', both: 'biens et services' },
  order: 'Commande',
  customerRef: 'Votre bon de commande',
  deliveryDay: { quote: 'Livraison prévue le', invoice: 'Date de livraison', creditNote: 'Date de livraison' },
  deliveryPlace: 'Lieu de livraison',
  dueDay: 'Échéance',
  reason: 'Motif',
  table: { name: 'Désignation', quantity: 'Quantité', unitPrice: 'Prix unit. HT', vat: 'TVA', total: 'Total HT' },
  vatTable: { rate: 'Taux de TVA', base: 'Base HT', vat: 'Montant TVA', ttc: 'Total TTC' },
  totalHt: 'Total HT',
  totalVat: 'Total TVA',
  totalTtc: 'Total TTC',
  creditTotal: 'Total de l’avoir TTC',
  alreadyPaid: 'Acomptes déjà reçus',
  balance: 'Reste à payer',
  paidInFull: 'Facture acquittée',
  depositRequested: 'Acompte à la commande',
  payment: 'Règlement',
  payBefore: (day: string) => `À régler au plus tard le ${day}.`,
  byTransfer: 'Par virement :',
  holder: 'Titulaire',
  iban: 'IBAN',
  bic: 'BIC',
  reference: 'Référence à indiquer',
  amount: 'Montant',
  scan: 'Scannez avec votre application bancaire pour payer par virement',
  remittance: {
    quoteDeposit: (n: string) => `Acompte devis ${n}`,
    quote: (n: string) => `Devis ${n}`,
    invoiceBalance: (n: string) => `Solde facture ${n}`,
    invoice: (n: string) => `Facture ${n}`,
  },
  defaultLatePenalty:
    'En cas de retard de paiement, des pénalités sont exigibles au taux d’intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus récente, majoré de 10 points (art. L441-10 du Code de commerce).',
  recoveryIndemnity: 'Indemnité forfaitaire pour frais de recouvrement due au créancier en cas de retard de paiement : 40 € (art. L441-10 et D441-5 du Code de commerce).',
  noDiscount: 'Pas d’escompte pour paiement anticipé.',
  creditNoteSentence: (invoice: string, amount: string) => `Cet avoir annule la facture ${invoice} : ${amount} TTC à déduire de cette facture ou à rembourser.`,
  acceptance: 'Bon pour accord',
  acceptanceHint: 'Date, signature et cachet, précédés de la mention « Bon pour accord »',
  page: (n: number, of: number) => `Page ${n} / ${of}`,
  continued: 'suite',
} as const;

// ---------------------------------------------------------------------------
// Pure parts

/** `devis-C-2026-0007.pdf`, `facture-F-2026-0001.pdf`, `avoir-A-2026-0001.pdf`. */
export function orderPdfFileName(doc: Pick<OrderDocument, 'kind' | 'number'>): string {
  return `${PDF_LABELS.fileStem[doc.kind]}-${doc.number.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`;
}

/**
 * What the document's EPC QR code asks the customer to pay, or undefined
 * when there is nothing to ask (a credit note, an invoice already paid):
 * a quote asks for its deposit (or the whole amount when no deposit is
 * asked) less what was already received, an invoice for its balance.
 */
export function paymentRequest(doc: OrderDocument): { amount: Cents; remittance: string } | undefined {
  const R = PDF_LABELS.remittance;
  if (doc.kind === 'creditNote') return undefined;
  if (doc.kind === 'quote') {
    // Money already received counts towards the deposit first.
    const deposit = doc.depositRequested ?? 0;
    const amount = (deposit > 0 ? deposit : doc.ttc) - doc.alreadyPaid;
    if (amount <= 0) return undefined;
    return { amount, remittance: deposit > 0 ? R.quoteDeposit(doc.number) : R.quote(doc.number) };
  }
  if (doc.balance <= 0) return undefined;
  return { amount: doc.balance, remittance: doc.alreadyPaid > 0 ? R.invoiceBalance(doc.number) : R.invoice(doc.number) };
}

/**
 * The EPC payload printed on the document, or undefined (no IBAN set,
 * nothing to pay). Throws `EpcError` when the bank details cannot make a
 * valid code (bad IBAN or BIC): better no PDF than one with a wrong account.
 */
export function orderPdfPayload(doc: OrderDocument, bank: BankDetails): string | undefined {
  const request = paymentRequest(doc);
  if (!request || request.amount <= 0 || bank.iban.trim() === '') return undefined;
  return epcPayload({ name: bankHolder(doc, bank), iban: bank.iban, bic: bank.bic, amount: request.amount, remittance: request.remittance });
}

/** The beneficiary: the account's holder, the CAE's legal name when none is set. */
function bankHolder(doc: OrderDocument, bank: BankDetails): string {
  return (bank.holder.trim() || doc.seller.name).slice(0, 70);
}

const money = (cents: Cents) => formatMoney(cents);

/** 44312345600016 → "443 123 456 00016". */
function formatSiret(siret: string): string {
  return /^\d{14}$/.test(siret) ? `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}` : siret;
}

/** 443123456 → "443 123 456". */
function formatSiren(siren: string): string {
  return /^\d{9}$/.test(siren) ? `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}` : siren;
}

/**
 * The seller's legal form with its share capital, as an invoice must show
 * them: "SCOP SA" + "à capital variable" → "SCOP SA à capital variable",
 * "SCOP SARL" + "10 000 €" → "SCOP SARL au capital de 10 000 €". A legal
 * form that already says it is not repeated; an invoice issued before the
 * share capital was asked prints its legal form alone.
 */
export function sellerLegalForm(seller: Pick<OrderDocument['seller'], 'legalForm' | 'shareCapital'>): string {
  const form = seller.legalForm.trim();
  const capital = (seller.shareCapital ?? '').trim();
  if (!capital) return form;
  if (form.toLocaleLowerCase('fr').includes(capital.toLocaleLowerCase('fr'))) return form;
  const saysCapital = /capital/i.test(capital);
  if (form) return `${form} ${saysCapital ? capital : PDF_LABELS.capitalOf(capital)}`;
  return saysCapital ? capital.charAt(0).toLocaleUpperCase('fr') + capital.slice(1) : `${PDF_LABELS.shareCapital} ${capital}`;
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * Each line's total excl. VAT: its rate's HT (the legal figure, computed on
 * the rate's sum as for a ticket) spread over the rate's lines in proportion
 * to their totals, so the column adds up to the total HT to the cent.
 */
export function lineTotalsHt(doc: Pick<OrderDocument, 'lines' | 'byRate'>): Cents[] {
  const result = doc.lines.map((l) => htFromTtc(l.total, l.vatRate));
  for (const rate of doc.byRate) {
    const indexes = doc.lines.flatMap((l, i) => (l.vatRate === rate.rate ? [i] : []));
    const parts = allocate(rate.ht, indexes.map((i) => Math.abs(doc.lines[i]?.total ?? 0)));
    indexes.forEach((lineIndex, k) => {
      result[lineIndex] = parts[k] ?? 0;
    });
  }
  return result;
}

function quantityText(line: InvoiceLine): string {
  return `${formatQuantity(line.quantity)} ${unitLabel(line.unit, line.quantity)}`;
}

// ---------------------------------------------------------------------------
// Layout

const INK = '#1f2937';
const MUTED = '#6b7280';
const RULE = '#cbd5e1';
const SHADE = '#f1f5f9';
const QR_SIZE = 112;

const rulesOnly: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0.4),
  vLineWidth: () => 0,
  hLineColor: (i) => (i <= 1 ? INK : RULE),
  fillColor: (row) => (row === 0 ? SHADE : null),
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 4,
  paddingBottom: () => 4,
};

const noLines: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

/** A light framed box (customer, payment). */
function box(content: Content, fill?: string): ContentTable {
  return {
    table: { widths: ['*'], body: [[content]] },
    layout: {
      hLineWidth: () => 0.6,
      vLineWidth: () => 0.6,
      hLineColor: () => RULE,
      vLineColor: () => RULE,
      fillColor: () => fill ?? null,
      paddingLeft: () => 9,
      paddingRight: () => 9,
      paddingTop: () => 7,
      paddingBottom: () => 7,
    },
  };
}

/** Small grey caption above a block. */
function caption(text: string): Content {
  return { text: text.toUpperCase(), fontSize: 7.5, bold: true, color: MUTED, characterSpacing: 0.6, margin: [0, 0, 0, 3] };
}

/** The QR code as filled squares (one rectangle per run of dark modules on a row). */
function qrDrawing(payload: string, size: number): Content {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const unit = size / n;
  // A hair of overlap so no white seam shows between rows at some zoom levels.
  const bleed = 0.04;
  const rects: { type: 'rect'; x: number; y: number; w: number; h: number; color: string }[] = [];
  for (let row = 0; row < n; row += 1) {
    let start = -1;
    for (let col = 0; col <= n; col += 1) {
      const dark = col < n && qr.modules.get(row, col) === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        rects.push({ type: 'rect', x: start * unit, y: row * unit, w: (col - start) * unit + bleed, h: unit + bleed, color: '#000000' });
        start = -1;
      }
    }
  }
  return { canvas: rects };
}

/** A column of `columns`: the content with its width. */
function col(width: Size, content: Content): Column {
  return { width, stack: [content] };
}

function sellerBlock(doc: OrderDocument): Content {
  const s = doc.seller;
  const rcs = s.rcs ? (/^RCS\b/i.test(s.rcs) ? s.rcs : `${PDF_LABELS.rcs} ${s.rcs}`) : '';
  const small = (text: string): Content => ({ text, fontSize: 8, color: MUTED });
  const legalForm = sellerLegalForm(s);
  return {
    stack: [
      { text: s.name, bold: true, fontSize: 13 },
      { text: PDF_LABELS.forCollective(s.coopName), italics: true, margin: [0, 1, 0, 4] },
      ...lines(s.address).map((l) => ({ text: l, fontSize: 9 })),
      {
        margin: [0, 4, 0, 0],
        stack: [...(legalForm ? [small(legalForm)] : []), small([`${PDF_LABELS.siret} ${formatSiret(s.siret)}`, rcs].filter(Boolean).join(' · '))],
      },
      small(`${PDF_LABELS.vatNumber} ${s.vatNumber}`),
    ],
  };
}

function titleBlock(doc: OrderDocument): Content {
  const L = PDF_LABELS;
  const rows: [string, string][] = [[doc.kind === 'quote' ? L.quoteDay : L.issueDay, formatDay(doc.issueDay)]];
  if (doc.kind === 'quote' && doc.validUntil) rows.push([L.validUntil, formatDay(doc.validUntil)]);
  return {
    stack: [
      { text: `${L.title[doc.kind]} ${L.number(doc.number)}`, fontSize: 17, bold: true, alignment: 'right' },
      ...(doc.kind === 'creditNote' && doc.creditsNumber
        ? [{ text: L.cancels(doc.creditsNumber), bold: true, alignment: 'right' as const, margin: [0, 2, 0, 0] as [number, number, number, number] }]
        : []),
      {
        margin: [0, 6, 0, 0],
        layout: noLines,
        table: {
          widths: ['*', 'auto'],
          body: rows.map(([k, v]) => [
            { text: k, color: MUTED, alignment: 'right', margin: [0, 0, 8, 0] },
            { text: v, bold: true, alignment: 'right' },
          ]),
        },
      },
    ],
  };
}

function customerBlock(doc: OrderDocument): Content {
  const c = doc.customer;
  const L = PDF_LABELS;
  const head = c.organisation ? [{ text: c.organisation, bold: true }, { text: c.name }] : [{ text: c.name, bold: true }];
  return box({
    stack: [
      caption(L.customer[doc.kind]),
      ...head,
      ...lines(c.address).map((l) => ({ text: l })),
      ...(c.siret ? [{ text: customerIds(c), fontSize: 8.5, color: MUTED, margin: [0, 3, 0, 0] as [number, number, number, number] }] : []),
      ...(c.vatNumber ? [{ text: `${L.customerVat} ${c.vatNumber}`, fontSize: 8.5, color: MUTED }] : []),
    ],
  });
}

/** "SIREN 782 001 234 · SIRET 782 001 234 00015" (the SIREN when the document froze one). */
function customerIds(c: OrderDocument['customer']): string {
  const siret = `${PDF_LABELS.customerSiret} ${formatSiret(c.siret)}`;
  return c.siren ? `${PDF_LABELS.customerSiren} ${formatSiren(c.siren)} · ${siret}` : siret;
}

function detailsBlock(doc: OrderDocument): Content {
  const L = PDF_LABELS;
  const rows: [string, string][] = [];
  if (doc.kind !== 'quote') rows.push([L.order, doc.orderNumber]);
  if (doc.customerRef) rows.push([L.customerRef, doc.customerRef]);
  rows.push([L.deliveryDay[doc.kind], formatDay(doc.deliveryDay)]);
  if (doc.deliveryPlace) rows.push([L.deliveryPlace, doc.deliveryPlace]);
  if (doc.nature) rows.push([L.nature, L.natures[doc.nature]]);
  if (doc.kind === 'invoice') rows.push([L.dueDay, formatDay(doc.dueDay)]);
  if (doc.kind === 'creditNote' && doc.reason) rows.push([L.reason, doc.reason]);
  return {
    layout: noLines,
    table: {
      widths: [104, '*'],
      body: rows.map(([k, v]) => [
        { text: k, color: MUTED, fontSize: 8.5 },
        { text: v, fontSize: 9 },
      ]),
    },
  };
}

function linesTable(doc: OrderDocument): Content {
  const T = PDF_LABELS.table;
  const ht = lineTotalsHt(doc);
  const right = { alignment: 'right' as const };
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ['*', 70, 78, 40, 78],
      body: [
        [
          { text: T.name, bold: true, fontSize: 8.5 },
          { text: T.quantity, bold: true, fontSize: 8.5, ...right },
          { text: T.unitPrice, bold: true, fontSize: 8.5, ...right },
          { text: T.vat, bold: true, fontSize: 8.5, ...right },
          { text: T.total, bold: true, fontSize: 8.5, ...right },
        ],
        ...doc.lines.map((line, i) => [
          { text: line.name },
          { text: quantityText(line), ...right },
          { text: money(line.unitPriceHt), ...right },
          { text: formatRate(line.vatRate), ...right },
          { text: money(ht[i] ?? 0), ...right },
        ]),
      ],
    },
    layout: rulesOnly,
  };
}

function vatTable(doc: OrderDocument): Content {
  const V = PDF_LABELS.vatTable;
  const right = { alignment: 'right' as const };
  return {
    table: {
      headerRows: 1,
      widths: ['auto', '*', '*', '*'],
      body: [
        [
          { text: V.rate, bold: true, fontSize: 8 },
          { text: V.base, bold: true, fontSize: 8, ...right },
          { text: V.vat, bold: true, fontSize: 8, ...right },
          { text: V.ttc, bold: true, fontSize: 8, ...right },
        ],
        ...doc.byRate.map((r) => [
          { text: formatRate(r.rate), fontSize: 8.5 },
          { text: money(r.ht), fontSize: 8.5, ...right },
          { text: money(r.vat), fontSize: 8.5, ...right },
          { text: money(r.ttc), fontSize: 8.5, ...right },
        ]),
      ],
    },
    layout: rulesOnly,
  };
}

function totalsTable(doc: OrderDocument): Content {
  const L = PDF_LABELS;
  type Row = { label: string; value: string; strong?: boolean; big?: boolean };
  const rows: Row[] = [
    { label: L.totalHt, value: money(doc.ht) },
    ...doc.byRate.map((r) => ({ label: `${L.totalVat} ${formatRate(r.rate)}`, value: money(r.vat) })),
    { label: doc.kind === 'creditNote' ? L.creditTotal : L.totalTtc, value: money(doc.ttc), strong: true, big: doc.kind === 'creditNote' },
  ];
  if (doc.kind !== 'creditNote' && doc.alreadyPaid !== 0) rows.push({ label: L.alreadyPaid, value: money(-doc.alreadyPaid) });
  if (doc.kind === 'invoice') {
    rows.push({ label: doc.balance > 0 ? L.balance : L.paidInFull, value: money(doc.balance), strong: true, big: true });
  }
  if (doc.kind === 'quote' && (doc.depositRequested ?? 0) > 0) {
    rows.push({ label: L.depositRequested, value: money(doc.depositRequested ?? 0), strong: true, big: true });
  }
  const bigIndex = rows.findIndex((r) => r.big);
  return {
    table: {
      widths: ['*', 'auto'],
      body: rows.map((r) => [
        { text: r.label, bold: r.strong ?? false, fontSize: r.big ? 11 : 9.5 },
        { text: r.value, bold: r.strong ?? false, fontSize: r.big ? 11 : 9.5, alignment: 'right' },
      ]),
    },
    layout: {
      hLineWidth: (i, node) => (i === node.table.body.length - 1 && bigIndex === i ? 0.8 : i === 0 || i === node.table.body.length ? 0 : 0.4),
      vLineWidth: () => 0,
      hLineColor: (i) => (i === bigIndex ? INK : RULE),
      fillColor: (row) => (row === bigIndex ? SHADE : null),
      paddingLeft: () => 6,
      paddingRight: () => 6,
      paddingTop: (row) => (row === bigIndex ? 6 : 3),
      paddingBottom: (row) => (row === bigIndex ? 6 : 3),
    },
  };
}

function paymentBlock(doc: OrderDocument, bank: BankDetails, payload: string | undefined): Content | undefined {
  const L = PDF_LABELS;
  const request = paymentRequest(doc);
  const text: Content[] = [caption(L.payment)];
  if (doc.kind === 'invoice' && doc.balance > 0) text.push({ text: L.payBefore(formatDay(doc.dueDay)), bold: true, margin: [0, 0, 0, 2] });
  if (doc.paymentTerms) text.push({ text: doc.paymentTerms, fontSize: 9, margin: [0, 0, 0, 4] });
  if (payload && request) {
    const kv = (k: string, v: string, bold = false): Content[] => [
      { text: k, color: MUTED, fontSize: 8.5 },
      { text: v, fontSize: 9.5, bold },
    ];
    text.push(
      { text: L.byTransfer, bold: true, fontSize: 9, margin: [0, 2, 0, 2] },
      {
        layout: noLines,
        table: {
          widths: [100, '*'],
          body: [
            kv(L.holder, bankHolder(doc, bank)),
            kv(L.iban, formatIban(bank.iban)),
            ...(bank.bic ? [kv(L.bic, bank.bic.replace(/\s/g, '').toUpperCase())] : []),
            kv(L.reference, request.remittance, true),
            kv(L.amount, money(request.amount), true),
          ],
        },
      },
    );
  }
  if (text.length === 1) return undefined;
  if (!payload) return box({ stack: text });
  return box({
    columns: [
      { width: '*', stack: text },
      {
        width: QR_SIZE + 16,
        stack: [
          // At least 4 modules of white around the code (its quiet zone).
          { stack: [qrDrawing(payload, QR_SIZE)], margin: [8, 6, 8, 2] },
          { text: L.scan, fontSize: 7, color: MUTED, alignment: 'center', margin: [0, 4, 0, 0] },
        ],
      },
    ],
    columnGap: 10,
  });
}

function legalBlock(doc: OrderDocument): Content {
  const L = PDF_LABELS;
  if (doc.kind === 'creditNote') {
    return doc.creditsNumber ? { text: L.creditNoteSentence(doc.creditsNumber, money(Math.abs(doc.ttc))), bold: true } : { text: '' };
  }
  const sentences = [doc.latePenalty.trim() || L.defaultLatePenalty, ...(doc.customer.isBusiness ? [L.recoveryIndemnity] : []), L.noDiscount];
  return { stack: sentences.map((s) => ({ text: s, fontSize: 8, color: MUTED, margin: [0, 0, 0, 2] })) };
}

function acceptanceBlock(): Content {
  return {
    unbreakable: true,
    margin: [0, 14, 0, 0],
    columns: [
      { width: '*', text: '' },
      col(
        230,
        box({
          stack: [caption(PDF_LABELS.acceptance), { text: PDF_LABELS.acceptanceHint, fontSize: 8, color: MUTED }, { text: ' ', margin: [0, 0, 0, 42] }],
        }),
      ),
    ],
  };
}

function footer(doc: OrderDocument) {
  const s = doc.seller;
  const identity = [s.name, sellerLegalForm(s), lines(s.address).join(', '), `${PDF_LABELS.siret} ${formatSiret(s.siret)}`, s.rcs, `${PDF_LABELS.vatNumber} ${s.vatNumber}`]
    .filter(Boolean)
    .join(' · ');
  return (page: number, pages: number): Content => ({
    margin: [40, 6, 40, 0],
    columns: [
      { width: '*', text: identity, fontSize: 7, color: MUTED },
      { width: 60, text: PDF_LABELS.page(page, pages), fontSize: 7, color: MUTED, alignment: 'right' },
    ],
  });
}

/** The pdfmake document: pure data, testable without rendering. */
export function orderPdfDefinition(doc: OrderDocument, bank: BankDetails): TDocumentDefinitions {
  const L = PDF_LABELS;
  const payload = orderPdfPayload(doc, bank);
  // A credit note asks for nothing: it is deducted or refunded.
  const payment = doc.kind === 'creditNote' ? undefined : paymentBlock(doc, bank, payload);
  const content: Content[] = [
    { columns: [col('*', sellerBlock(doc)), col(230, titleBlock(doc))], columnGap: 20 },
    {
      margin: [0, 22, 0, 18],
      columns: [
        col('*', detailsBlock(doc)),
        col(230, customerBlock(doc)),
      ],
      columnGap: 20,
    },
    linesTable(doc),
    {
      margin: [0, 14, 0, 0],
      unbreakable: true,
      columns: [
        col('*', vatTable(doc)),
        col(230, totalsTable(doc)),
      ],
      columnGap: 20,
    },
  ];
  if (payment) content.push({ margin: [0, 18, 0, 0], unbreakable: true, stack: [payment] });
  content.push({ margin: [0, 14, 0, 0], stack: [legalBlock(doc)] });
  if (doc.kind === 'quote') content.push(acceptanceBlock());
  const title = `${L.title[doc.kind]} ${L.number(doc.number)}`;
  // Roboto has no U+202F (fr-FR thousands): every string, the snapshot's sentences included, goes through withPdfSpaces.
  return withPdfSpaces<TDocumentDefinitions>({
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 48],
    language: 'fr-FR',
    info: { title, author: doc.seller.name, subject: `${title} — ${doc.customer.organisation || doc.customer.name}`, creator: 'Étal', producer: 'Étal (pdfmake)' },
    defaultStyle: { font: 'Roboto', fontSize: 9.5, color: INK, lineHeight: 1.15 },
    // From page 2 on, whose page this is.
    header: (page: number): Content => (page > 1 ? { text: `${title} — ${L.continued}`, fontSize: 8, color: MUTED, alignment: 'right', margin: [40, 22, 40, 0] } : ''),
    footer: footer(doc),
    content,
  });
}

// ---------------------------------------------------------------------------
// Rendering

/**
 * The A4 PDF of a quote, invoice or credit note. The EPC QR code (with IBAN,
 * BIC, holder and reference in plain text beside it) is printed when the
 * co-op has an IBAN and something is to be paid. Throws `EpcError` for bank
 * details that cannot make a valid transfer code.
 */
export async function orderPdf(doc: OrderDocument, bank: BankDetails): Promise<Uint8Array> {
  // Awaited inside: a bad IBAN (thrown while building the definition) rejects the promise.
  return await renderPdf(orderPdfDefinition(doc, bank));
}
