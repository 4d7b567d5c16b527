/**
 * The cart lives in React state; nothing of it reaches the legal records
 * until it is paid (ARCHITECTURE.md, "Data flow of a sale"). A copy is kept
 * in the device-local session store (db/session.ts) only so that a reload or
 * a crash does not lose it; 'restore' puts that copy back on start.
 */
import { lineFromProduct, type Cart, type CartLine } from '../../../shared/cart';
import type { Discount } from '../../../shared/money';
import type { Product } from '../../../shared/schemas';

export type CartAction =
  | { type: 'add'; product: Product; quantity: number; key: string }
  | { type: 'set-quantity'; key: string; quantity: number }
  | { type: 'set-line-discount'; key: string; discount: Discount | undefined }
  | { type: 'remove'; key: string }
  | { type: 'set-discount'; discount: Discount | undefined; reason: string | undefined }
  | { type: 'restore'; cart: Cart }
  | { type: 'clear' };

export const emptyCart: Cart = { lines: [] };

function withoutDiscount(cart: Cart): Cart {
  return { lines: cart.lines };
}

export function cartReducer(cart: Cart, action: CartAction): Cart {
  switch (action.type) {
    case 'add': {
      // Tapping a product again adds to its undiscounted line rather than
      // stacking new lines, so the cart stays short and readable.
      const same = cart.lines.find((l) => l.productId === action.product.id && !l.discount);
      if (same) {
        return {
          ...cart,
          lines: cart.lines.map((l) => (l === same ? { ...l, quantity: l.quantity + action.quantity } : l)),
        };
      }
      return { ...cart, lines: [...cart.lines, lineFromProduct(action.product, action.quantity, action.key)] };
    }
    case 'set-quantity':
      if (action.quantity <= 0) return cartReducer(cart, { type: 'remove', key: action.key });
      return { ...cart, lines: cart.lines.map((l) => (l.key === action.key ? { ...l, quantity: action.quantity } : l)) };
    case 'set-line-discount':
      return {
        ...cart,
        lines: cart.lines.map((l): CartLine => {
          if (l.key !== action.key) return l;
          if (action.discount) return { ...l, discount: action.discount };
          // exactOptionalPropertyTypes: drop the key rather than set it to undefined.
          const { discount: _dropped, ...rest } = l;
          return rest;
        }),
      };
    case 'remove': {
      const lines = cart.lines.filter((l) => l.key !== action.key);
      return lines.length === 0 ? emptyCart : { ...cart, lines };
    }
    case 'set-discount':
      if (!action.discount) return withoutDiscount(cart);
      return { ...cart, discount: action.discount, ...(action.reason ? { discountReason: action.reason } : {}) };
    case 'restore':
      return action.cart.lines.length === 0 ? emptyCart : action.cart;
    case 'clear':
      return emptyCart;
  }
}
