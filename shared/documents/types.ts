/**
 * What the order documents are built from. A quote, an invoice and a credit
 * note share one snapshot shape, the invoice's (shared/schemas/order.ts): the
 * repository freezes an invoice or a credit note when it issues it and builds a
 * quote's snapshot on the fly (renderer/db/orders.ts `orderDocumentFor`).
 *
 * Labels printed on the documents are French whatever the interface
 * language, like every legal document Étal prints.
 */
import type { Cents } from '../money';
import type { Invoice, OrderStatus } from '../schemas/order';
import type { Unit } from '../schemas/product';

export type OrderDocumentKind = 'quote' | 'invoice' | 'creditNote';

export type OrderDocument = Omit<Invoice, 'kind' | 'number'> & {
  kind: OrderDocumentKind;
  /** A quote's number is its order's (C-2026-0007); invoices F-…, credit notes A-…. */
  number: string;
  /** A quote's last day of validity. */
  validUntil?: string;
  /**
   * A quote's deposit asked for at acceptance (incl. VAT): printed, and the
   * amount of its EPC QR code. Absent or 0: the QR code asks for the whole amount.
   */
  depositRequested?: Cents;
};

/** The account transfers go to (coop.billing: accountHolder, iban, bic). */
export type BankDetails = { holder: string; iban: string; bic: string };

/** [one, other]: "1 pièce", "60 m", "40 portions". */
export const DOCUMENT_UNITS: Record<Unit, readonly [string, string]> = {
  piece: ['pièce', 'pièces'],
  metre: ['m', 'm'],
  kg: ['kg', 'kg'],
  portion: ['portion', 'portions'],
};

/** The unit after a quantity of `milli` thousandths (singular up to 1, as in French). */
export function unitLabel(unit: Unit, milli: number): string {
  const [one, other] = DOCUMENT_UNITS[unit];
  return Math.abs(milli) <= 1000 ? one : other;
}

export const STATUS_LABELS: Record<OrderStatus, string> = {
  quote: 'Devis',
  confirmed: 'Confirmée',
  inProduction: 'En production',
  ready: 'Prête',
  delivered: 'Livrée',
  paid: 'Soldée',
  cancelled: 'Annulée',
};
