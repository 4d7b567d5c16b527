import { describe, expect, it } from 'vitest';
import { priceCart } from '../../../shared/cart';
import type { Product } from '../../../shared/schemas';
import { cartReducer, emptyCart } from './cart-state';

const product = (id: string, price: number, unit: Product['unit'] = 'piece'): Product => ({
  id,
  name: id,
  picture: { kind: 'none' },
  color: '#000000',
  category: '',
  unit,
  price,
  vatRate: 2000,
  makerIds: [],
  trackStock: false,
  archived: false,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});

describe('cart', () => {
  const garland = product('garland', 1200);
  const metre = product('metre', 1200, 'metre');

  it('adds taps of the same product to one line', () => {
    let cart = cartReducer(emptyCart, { type: 'add', product: garland, quantity: 1000, key: 'a' });
    cart = cartReducer(cart, { type: 'add', product: garland, quantity: 1000, key: 'b' });
    cart = cartReducer(cart, { type: 'add', product: metre, quantity: 1500, key: 'c' });
    expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([
      ['garland', 2000],
      ['metre', 1500],
    ]);
    expect(priceCart(cart).totals.ttc).toBe(4200);
  });

  it('keeps a discounted line apart from new taps', () => {
    let cart = cartReducer(emptyCart, { type: 'add', product: garland, quantity: 1000, key: 'a' });
    cart = cartReducer(cart, { type: 'set-line-discount', key: 'a', discount: { kind: 'percent', value: 5000 } });
    cart = cartReducer(cart, { type: 'add', product: garland, quantity: 1000, key: 'b' });
    expect(cart.lines).toHaveLength(2);
    expect(priceCart(cart).totals.ttc).toBe(600 + 1200);
  });

  it('removes a line set to zero and forgets the ticket discount when emptied', () => {
    let cart = cartReducer(emptyCart, { type: 'add', product: garland, quantity: 1000, key: 'a' });
    cart = cartReducer(cart, { type: 'set-discount', discount: { kind: 'amount', value: 100 }, reason: 'Fidèle' });
    expect(cart.discountReason).toBe('Fidèle');
    cart = cartReducer(cart, { type: 'set-quantity', key: 'a', quantity: 0 });
    expect(cart).toEqual(emptyCart);
  });
});
