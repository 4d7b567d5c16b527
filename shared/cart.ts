/**
 * The cart's arithmetic, shared by the checkout screen, the sale transaction
 * and tests: line discounts first, then a whole-ticket discount spread over
 * the lines in proportion to their totals (largest remainder), so that the
 * VAT per rate stays right and the parts add up (DOMAIN.md).
 */
import { allocate, discountAmount, lineTotal, sumCents, vatSplit, type Cents, type Discount, type TicketTotals } from './money';
import type { SaleLine } from './schemas/sale';
import type { Product } from './schemas/product';

export type CartLine = {
  /** Local key: the same product may appear on two lines (e.g. one discounted). */
  key: string;
  productId: string;
  name: string;
  unit: Product['unit'];
  unitPrice: Cents;
  vatRate: Product['vatRate'];
  quantity: number;
  makerIds: string[];
  discount?: Discount;
};

export type Cart = {
  lines: CartLine[];
  discount?: Discount;
  discountReason?: string;
};

export type PricedCart = {
  lines: SaleLine[];
  /** Before any discount. */
  gross: Cents;
  /** All discounts, line and ticket. */
  discount: Cents;
  totals: TicketTotals;
};

export function lineFromProduct(product: Product, quantity: number, key: string): CartLine {
  return {
    key,
    productId: product.id,
    name: product.name,
    unit: product.unit,
    unitPrice: product.price,
    vatRate: product.vatRate,
    quantity,
    makerIds: [...product.makerIds],
  };
}

export function priceCart(cart: Cart): PricedCart {
  const afterLine = cart.lines.map((line) => {
    const gross = lineTotal(line.unitPrice, line.quantity);
    const lineDiscount = discountAmount(gross, line.discount);
    return { line, gross, lineDiscount, net: gross - lineDiscount };
  });
  const netSum = sumCents(afterLine.map((l) => l.net));
  const ticketDiscount = discountAmount(netSum, cart.discount);
  const shares = allocate(
    ticketDiscount,
    afterLine.map((l) => Math.max(0, l.net)),
  );
  const lines: SaleLine[] = afterLine.map(({ line, gross, lineDiscount, net }, i) => {
    const share = shares[i] ?? 0;
    return {
      productId: line.productId,
      name: line.name,
      unit: line.unit,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      vatRate: line.vatRate,
      gross,
      discount: lineDiscount + share,
      total: net - share,
      makerIds: line.makerIds,
    };
  });
  return {
    lines,
    gross: sumCents(afterLine.map((l) => l.gross)),
    discount: sumCents(lines.map((l) => l.discount)),
    totals: vatSplit(lines),
  };
}
