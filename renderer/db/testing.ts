/** Helpers for tests that need a database with the demo co-op in it. */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { sealBackup, type BackupDocument } from '../../shared/backup';
import { lineFromProduct, type CartLine } from '../../shared/cart';
import { productSchema, type Coop, type Product } from '../../shared/schemas';
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

/**
 * A catalogue of `count` products (the demo's, repeated under new ids and
 * numbered names, every one checked by the product schema), for tests and the
 * bench that need a big till: 2 000 tiles.
 */
export async function seedCatalogue(db: EtalDb, count: number): Promise<Product[]> {
  const demo = await db.products.toArray();
  const products = Array.from({ length: count }, (_, i): Product => {
    const model = demo[i % demo.length] as Product;
    return productSchema.parse({ ...model, id: `p-${i}`, name: `${model.name} ${i + 1}` });
  });
  await db.transaction('rw', db.products, async () => {
    await db.products.clear();
    await db.products.bulkAdd(products);
  });
  return products;
}

const forgerKey = ed25519.utils.randomSecretKey();

/** Re-seals a tampered backup (counts and hash) and signs it with a key of the forger's own, as a careful forger would: the till's key is in no file. */
export function resealAsForger(doc: BackupDocument): string {
  doc.counts = Object.fromEntries(Object.entries(doc.tables).map(([n, r]) => [n, r.length]));
  doc.publicKey = bytesToHex(ed25519.getPublicKey(forgerKey));
  sealBackup(doc);
  doc.signature = bytesToHex(ed25519.sign(utf8ToBytes(doc.sha256), forgerKey));
  return JSON.stringify(doc);
}
