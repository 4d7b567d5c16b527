/**
 * The production sheet ("fiche de production"): the order ticket pinned up in
 * the workshop, printed on the stall's thermal printer. It is a receipt
 * document like the sale's ticket and the Z report, so it goes through the
 * same layout, preview and ESC/POS path (`printReceipt` in
 * renderer/features/printing/printing.ts, `ReceiptPreview` on screen).
 *
 * Not a legal document: no CAE header, just what the makers need — which
 * order, for whom, for when, how much of each line is still to make.
 */
import { formatDateTime, formatDay, formatInteger, formatQuantity } from '../format';
import type { Milli } from '../money';
import { cleanReceiptText, RECEIPT_SEPARATOR, receiptRow, receiptText, type Receipt, type ReceiptBlock } from '../receipt';
import type { Coop } from '../schemas/coop';
import type { Customer, Order } from '../schemas/order';
import type { Unit } from '../schemas/product';
import { STATUS_LABELS, unitLabel } from './types';

/** One order line's progress: what `lineProgress` (shared/orders.ts) returns. */
export type ProductionLine = { key: string; name: string; unit: Unit; ordered: Milli; produced: Milli };

/** One member's part, net of corrections (`contributionsByMember` with the member's first name). */
export type ProductionContributor = { name: string; quantity: Milli; minutes: number };

export type ProductionSheetInput = {
  order: Pick<Order, 'number' | 'dueDay' | 'dueTime' | 'delivery' | 'notes' | 'customerRef' | 'status'>;
  customer: Pick<Customer, 'name' | 'organisation' | 'phone'>;
  progress: readonly ProductionLine[];
  /** Who made what so far; omitted or empty: no such section. */
  contributors?: readonly ProductionContributor[];
};

export const PRODUCTION_LABELS = {
  title: 'FICHE DE PRODUCTION',
  order: (n: string) => `Commande ${n}`,
  customer: 'Client',
  phone: 'Tél.',
  due: 'Pour le',
  delivery: 'Livraison',
  stall: 'Retrait au stand',
  customerRef: 'Réf. client',
  status: 'Statut',
  ordered: 'Commandé',
  produced: 'Déjà fait',
  remaining: 'Reste à faire',
  done: 'Terminé',
  contributors: 'Qui a fait quoi',
  minutes: (n: string) => `${n} min`,
  notes: 'Notes',
  printedAt: (dateTime: string) => `Imprimée le ${dateTime}`,
} as const;

/** Control characters (a pasted tab, a newline) become spaces, as on receipts; bounded to the block's limit. */
/** 60000, 'metre' → "60 m"; 40000, 'portion' → "40 portions". */
function quantity(milli: Milli, unit: Unit): string {
  return `${formatQuantity(milli)} ${unitLabel(unit, milli)}`;
}

/**
 * The sheet as a receipt. `printedAt` (ISO instant) is printed at the bottom
 * so a sheet on the wall can be told from a newer one.
 */
export function productionSheetReceipt(
  input: ProductionSheetInput,
  coop: Pick<Coop, 'name' | 'timeZone'>,
  options: { printedAt?: string } = {},
): Receipt {
  const L = PRODUCTION_LABELS;
  const { order, customer } = input;
  const text = receiptText;
  const row = receiptRow;
  const separator = RECEIPT_SEPARATOR;

  const who = customer.organisation && customer.organisation !== customer.name ? `${customer.name} (${customer.organisation})` : customer.name;
  const due = order.dueTime ? `${formatDay(order.dueDay)} ${order.dueTime}` : formatDay(order.dueDay);
  const blocks: ReceiptBlock[] = [
    text(L.title, { align: 'center', bold: true, size: 'tall' }),
    text(L.order(order.number), { align: 'center', bold: true, size: 'double' }),
    text(coop.name, { align: 'center' }),
    separator,
    // The customer's name can be long: on its own line, wrapped, rather than squeezed against a label.
    text(`${L.customer} : ${who}`, { bold: true }),
  ];
  if (customer.phone) blocks.push(row(L.phone, customer.phone));
  blocks.push(
    row(L.due, due, { bold: true, size: 'tall' }),
    order.delivery.kind === 'stall' ? row(L.delivery, L.stall) : text(`${L.delivery} : ${order.delivery.place}`),
  );
  if (order.customerRef) blocks.push(row(L.customerRef, order.customerRef));
  blocks.push(row(L.status, STATUS_LABELS[order.status]), separator);

  for (const line of input.progress) {
    const remaining = Math.max(0, line.ordered - line.produced);
    blocks.push(
      text(line.name, { bold: true }),
      row(L.ordered, quantity(line.ordered, line.unit), { indent: 2 }),
      row(L.produced, quantity(line.produced, line.unit), { indent: 2 }),
      remaining > 0
        ? row(L.remaining, quantity(remaining, line.unit), { indent: 2, bold: true, size: 'tall' })
        : row(L.remaining, L.done, { indent: 2, bold: true }),
    );
  }

  const contributors = (input.contributors ?? []).filter((c) => c.quantity !== 0 || c.minutes !== 0);
  if (contributors.length > 0) {
    // Quantities are in the first line's unit: contributions without a line count towards it.
    const unit = input.progress[0]?.unit ?? 'piece';
    blocks.push(separator, text(L.contributors, { bold: true }));
    for (const c of contributors) {
      const parts = [
        ...(c.quantity !== 0 ? [quantity(c.quantity, unit)] : []),
        ...(c.minutes !== 0 ? [L.minutes(formatInteger(c.minutes))] : []),
      ];
      blocks.push(row(c.name, parts.join(' + '), { indent: 2 }));
    }
  }

  const notes = order.notes.split(/\r?\n/).map((l) => cleanReceiptText(l)).filter(Boolean);
  if (notes.length > 0) blocks.push(separator, text(L.notes, { bold: true }), ...notes.map((l) => text(l)));

  blocks.push(separator);
  if (options.printedAt) blocks.push(text(L.printedAt(formatDateTime(options.printedAt, coop.timeZone)), { align: 'center' }));
  blocks.push({ kind: 'cut' });

  // Not a sale, nor a Z: the receipt kinds have no entry for order tickets, and 'test' is
  // the one kind that carries no legal meaning.
  return { version: 1, kind: 'test', duplicate: false, reference: `PROD:${order.number}`, blocks };
}
