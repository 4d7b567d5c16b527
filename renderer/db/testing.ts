/** Helpers for tests that need a database with the demo co-op in it. */
import { lineFromProduct, type CartLine } from '../../shared/cart';
import type { Coop, Product } from '../../shared/schemas';
import { loadDemo } from './catalog';
import { EtalDb } from './db';

let counter = 0;

export async function demoDb(): Promise<{ db: EtalDb; coop: Coop; product: (name: string) => Product }> {
  counter += 1;
  const db = new EtalDb(`etal-test-${counter}-${Math.random().toString(36).slice(2)}`);
  const coop = await loadDemo(db);
  const products = await db.products.toArray();
  const product = (name: string): Product => {
    const found = products.find((p) => p.name === name);
    if (!found) throw new Error(`no demo product ${name}`);
    return found;
  };
  return { db, coop, product };
}

export function cartLine(product: Product, quantity: number): CartLine {
  return lineFromProduct(product, quantity, `${product.id}-${quantity}`);
}
