/**
 * The Z report as a receipt document: the same blocks, layout, preview and
 * ESC/POS path as a sale's receipt. In French whatever the interface
 * language, like every legal document the till prints.
 */
import { formatAmount, formatDateTime, formatDay, formatMoney, formatMonth, formatRate, plainSpaces } from './format';
import { header, quantityWithUnit, type Receipt, type ReceiptBlock } from './receipt';
import type { Coop } from './schemas/coop';
import type { Closing } from './schemas/closing';
import { paymentMethods, type PaymentMethod } from './schemas/sale';

const money = (cents: number) => plainSpaces(formatMoney(cents));
const amount = (cents: number) => plainSpaces(formatAmount(cents));

export const Z_LABELS = {
  title: (n: number) => `CLÔTURE JOURNALIÈRE (Z) n° ${n}`,
  monthTitle: (n: number) => `CLÔTURE MENSUELLE n° ${n}`,
  yearTitle: (n: number) => `CLÔTURE ANNUELLE n° ${n}`,
  day: 'Journée du',
  period: 'Période',
  zRange: (a: number, b: number, days: number) => `Z n° ${a} à ${b} (${days} journée${days > 1 ? 's' : ''})`,
  closedBy: 'Clôturé par',
  closedAt: 'Clôturée le',
  till: 'Caisse',
  tickets: 'Tickets',
  ticketRange: (a: number, b: number) => `Tickets n° ${a} à ${b}`,
  cancellations: 'Annulations',
  total: 'TOTAL TTC',
  discounts: 'Remises accordées',
  byMethod: 'Par moyen de paiement',
  methods: { cash: 'Espèces', card: 'Carte bancaire', cheque: 'Chèque', transfer: 'Virement', other: 'Autre' } satisfies Record<PaymentMethod, string>,
  vat: { rate: 'TVA', ht: 'HT €', vat: 'TVA €', ttc: 'TTC €', total: 'Total' },
  byCategory: 'Par catégorie',
  noCategory: 'Sans catégorie',
  topProducts: 'Meilleures ventes',
  cash: 'Caisse espèces',
  fund: 'Fond de caisse',
  cashSales: 'Ventes en espèces',
  cashIn: 'Entrées',
  cashOut: 'Sorties',
  cashOrders: 'Commandes en espèces',
  orders: 'Commandes (acomptes et soldes)',
  deposits: 'Acomptes',
  balances: 'Soldes et paiements',
  ordersTotal: 'Total encaissé sur commandes',
  expected: 'Attendu',
  counted: 'Compté',
  difference: 'Écart',
  countedBy: 'Compté par',
  periodTotal: 'Total de la période TTC',
  grandTotal: 'Total perpétuel TTC',
  lastHash: 'Dernière empreinte du journal',
  keyFingerprint: 'Clé de la caisse (empreinte)',
  rollbacks: 'RETOUR À UNE SAUVEGARDE',
  rollbackLine: (entries: number, from: number, to: number) => `${entries} écriture${entries > 1 ? 's' : ''} remplacée${entries > 1 ? 's' : ''} (n° ${from} à ${to})`,
  rollbackBy: 'Par',
} as const;

export function buildClosingReceipt(closing: Closing, coop: Pick<Coop, 'name' | 'cae' | 'tillName' | 'timeZone'>): Receipt {
  const L = Z_LABELS;
  const text = (value: string, extra: Partial<Extract<ReceiptBlock, { kind: 'text' }>> = {}): ReceiptBlock => ({ kind: 'text', text: value, align: 'left', bold: false, size: 'normal', ...extra });
  const row = (left: string, right: string, extra: Partial<Extract<ReceiptBlock, { kind: 'row' }>> = {}): ReceiptBlock => ({ kind: 'row', left: left.slice(0, 500), right, indent: 0, bold: false, size: 'normal', ...extra });
  const separator: ReceiptBlock = { kind: 'separator', style: 'single' };
  const t = closing.totals;
  const isDay = closing.kind === 'day';
  const title = closing.kind === 'month' ? L.monthTitle(closing.number) : closing.kind === 'year' ? L.yearTitle(closing.number) : L.title(closing.number);
  const period = closing.period ?? closing.businessDay;
  const blocks: ReceiptBlock[] = [
    ...header(coop),
    separator,
    text(title, { align: 'center', bold: true, size: 'tall' }),
    isDay ? row(L.day, formatDay(closing.businessDay), { bold: true }) : row(L.period, closing.kind === 'month' ? formatMonth(period) : period, { bold: true }),
    ...(isDay ? [] : [text(L.zRange(closing.firstZ ?? 0, closing.lastZ ?? 0, closing.days ?? 0))]),
    row(L.closedAt, formatDateTime(closing.at, coop.timeZone)),
    row(L.till, coop.tillName),
    separator,
    row(L.tickets, String(t.tickets)),
    row(L.cancellations, String(t.cancellations)),
  ];
  if (closing.lastTicket > 0) blocks.push(text(L.ticketRange(closing.firstTicket, closing.lastTicket)));
  blocks.push(row(L.total, money(t.ttc), { bold: true, size: 'tall' }));
  if (t.discounts !== 0) blocks.push(row(L.discounts, money(t.discounts)));
  blocks.push({ kind: 'blank' });
  if (t.byRate.length > 0) {
    blocks.push({
      kind: 'table',
      header: [L.vat.rate, L.vat.ht, L.vat.vat, L.vat.ttc],
      rows: [
        ...t.byRate.slice(0, 19).map((r) => ({ cells: [plainSpaces(formatRate(r.rate)), amount(r.ht), amount(r.vat), amount(r.ttc)], bold: false })),
        { cells: [L.vat.total, amount(t.ht), amount(t.vat), amount(t.ttc)], bold: true },
      ],
    });
  }
  blocks.push(separator, text(L.byMethod, { bold: true }));
  for (const m of paymentMethods) if (t.byMethod[m] !== 0 || m === 'cash' || m === 'card') blocks.push(row(L.methods[m], money(t.byMethod[m]), { indent: 2 }));
  if (t.byCategory.length > 0) {
    blocks.push(separator, text(L.byCategory, { bold: true }));
    for (const c of t.byCategory) blocks.push(row(c.category || L.noCategory, money(c.ttc), { indent: 2 }));
  }
  if (t.topProducts.length > 0) {
    blocks.push(separator, text(L.topProducts, { bold: true }));
    for (const p of t.topProducts) blocks.push(row(`${p.name} · ${quantityWithUnit(p.quantity, p.unit)}`, money(p.ttc), { indent: 2 }));
  }
  const o = closing.orders;
  if (o && o.count > 0) {
    blocks.push(separator, text(L.orders, { bold: true }));
    for (const m of paymentMethods) if (o.byMethod[m] !== 0) blocks.push(row(L.methods[m], money(o.byMethod[m]), { indent: 2 }));
    if (o.deposits !== 0) blocks.push(row(L.deposits, money(o.deposits), { indent: 2 }));
    if (o.payments !== 0) blocks.push(row(L.balances, money(o.payments), { indent: 2 }));
    blocks.push(row(L.ordersTotal, money(o.total), { bold: true }));
  }
  const c = closing.cash;
  blocks.push(
    separator,
    text(L.cash, { bold: true }),
    row(L.fund, money(c.fund), { indent: 2 }),
    row(L.cashSales, money(c.cashSales), { indent: 2 }),
    ...(c.cashOrders ? [row(L.cashOrders, money(c.cashOrders), { indent: 2 })] : []),
    row(L.cashIn, money(c.cashIn), { indent: 2 }),
    row(L.cashOut, money(c.cashOut === 0 ? 0 : -c.cashOut), { indent: 2 }),
    row(L.expected, money(c.expected), { bold: true }),
  );
  for (const line of c.count) blocks.push(row(`${line.quantity} x ${money(line.value)}`, money(line.value * line.quantity), { indent: 2 }));
  blocks.push(
    row(L.counted, money(c.counted), { bold: true }),
    row(L.difference, money(c.difference), { bold: true, size: 'tall' }),
    row(isDay ? L.countedBy : L.closedBy, closing.countedBy),
    separator,
    row(L.periodTotal, money(closing.periodTotal), { bold: true }),
    row(L.grandTotal, money(closing.grandTotal), { bold: true }),
    separator,
  );
  for (const r of closing.rollbacks ?? []) {
    blocks.push(
      text(L.rollbacks, { bold: true }),
      text(formatDateTime(r.at, coop.timeZone)),
      text(L.rollbackLine(r.entries, r.fromSeq, r.toSeq)),
      row(L.rollbackBy, r.by, { indent: 2 }),
      text(r.reason.slice(0, 300)),
      separator,
    );
  }
  blocks.push(
    text(L.lastHash),
    text(closing.lastJournalHash.slice(0, 32)),
    text(closing.lastJournalHash.slice(32)),
    ...(closing.keyFingerprint ? [text(L.keyFingerprint), text(closing.keyFingerprint, { bold: true })] : []),
    { kind: 'cut' },
  );
  const prefix = closing.kind === 'month' ? 'M' : closing.kind === 'year' ? 'A' : 'Z';
  return { version: 1, kind: 'closing', duplicate: false, reference: `${prefix}:${closing.tillId.slice(0, 8)}:${closing.number}:${closing.period ?? closing.businessDay}`, blocks };
}
