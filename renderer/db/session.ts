/**
 * The till's own memory across reloads and crashes (device-local store
 * `session`, never journalled, never backed up or merged):
 *
 * - `basket`: the unpaid basket, written on every change and deleted when
 *   the sale is paid or the basket emptied. It is not a sale: nothing of it
 *   reaches the legal records until it is paid.
 * - `heartbeat`: the last moment this till was known alive, written every
 *   HEARTBEAT_MS while the till is open (and when the page is hidden). On the
 *   next start, before the first beat, it says when the previous session
 *   ended, to within HEARTBEAT_MS: a sale of this till less than a minute
 *   before that moment (or after it: a crash between the sale's commit and
 *   the next beat) may never have been seen confirmed on screen.
 */
import type { Cart } from '../../shared/cart';
import { parseStoredCart } from '../../shared/schemas/cart';
import type { Sale } from '../../shared/schemas';
import { nowIso, type EtalDb } from './db';

const BASKET = 'basket';
const HEARTBEAT = 'heartbeat';
export const HEARTBEAT_MS = 10_000;
/** "Ended within a minute of a sale". */
export const RECENT_SALE_MS = 60_000;

export async function saveBasket(db: EtalDb, cart: Cart): Promise<void> {
  if (cart.lines.length === 0) await db.session.delete(BASKET);
  else await db.session.put({ key: BASKET, value: cart, at: nowIso() });
}

/** This till's last sale or cancellation, by time. */
async function lastSaleOf(db: EtalDb, tillId: string): Promise<Sale | undefined> {
  return db.sales.orderBy('at').reverse().filter((s) => s.tillId === tillId).first();
}

/**
 * The basket left by the previous session, or null (none, not readable, or
 * already paid). Every sale is paid from the one basket, so a basket last
 * changed before this till's last sale was that sale: the crash came between
 * the commit and the basket's clearing, and bringing it back would ring the
 * sale twice.
 */
export async function loadBasket(db: EtalDb, tillId?: string): Promise<Cart | null> {
  const record = await db.session.get(BASKET);
  if (!record) return null;
  const cart = parseStoredCart(record.value);
  if (!cart || cart.lines.length === 0) return null;
  const last = tillId === undefined ? undefined : await lastSaleOf(db, tillId);
  if (last && Date.parse(last.at) >= Date.parse(record.at)) {
    await db.session.delete(BASKET);
    return null;
  }
  return cart;
}

export async function beat(db: EtalDb, at = nowIso()): Promise<void> {
  await db.session.put({ key: HEARTBEAT, value: null, at });
}

/**
 * The sale to recall on start: this till's last sale when the previous
 * session ended within RECENT_SALE_MS of it. Call before the first beat.
 */
export async function saleNearPreviousEnd(db: EtalDb, tillId: string): Promise<Sale | null> {
  const heartbeat = await db.session.get(HEARTBEAT);
  if (!heartbeat) return null;
  const ended = Date.parse(heartbeat.at);
  if (!Number.isFinite(ended)) return null;
  const last = await lastSaleOf(db, tillId);
  if (!last) return null;
  return Date.parse(last.at) >= ended - RECENT_SALE_MS ? last : null;
}
