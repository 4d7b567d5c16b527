/**
 * What the till remembers across a reload or a crash (db/session.ts): the
 * unpaid basket comes back, and when the previous session ended within a
 * minute of a sale, that sale is named for a few seconds, so the seller
 * knows it was recorded and does not ring it again.
 */
import { useEffect, useRef, useState, type Dispatch } from 'react';
import type { Cart } from '../../../shared/cart';
import type { Sale } from '../../../shared/schemas';
import type { EtalDb } from '../../db/db';
import { beat, HEARTBEAT_MS, loadBasket, saleNearPreviousEnd, saveBasket } from '../../db/session';
import type { CartAction } from './cart-state';

/** How long the start-up notices stay on screen. */
export const NOTICE_MS = 8000;

export type StartNotice = { kind: 'last-sale'; sale: Sale } | { kind: 'basket-kept'; lines: number };

export function useBasketMemory(db: EtalDb, tillId: string, cart: Cart, dispatch: Dispatch<CartAction>): StartNotice[] {
  const [restored, setRestored] = useState(false);
  const [notices, setNotices] = useState<StartNotice[]>([]);
  const started = useRef(false);

  useEffect(() => {
    // Once (StrictMode runs effects twice in development): the previous
    // session's end must be read before this session's first beat.
    if (started.current) return;
    started.current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void (async () => {
      const found: StartNotice[] = [];
      try {
        const sale = await saleNearPreviousEnd(db, tillId);
        if (sale) found.push({ kind: 'last-sale', sale });
        const basket = await loadBasket(db, tillId);
        if (basket) {
          dispatch({ type: 'restore', cart: basket });
          found.push({ kind: 'basket-kept', lines: basket.lines.length });
        }
      } catch (error) {
        console.error('basket memory', error);
      }
      setRestored(true);
      setNotices(found);
      if (found.length > 0) timer = setTimeout(() => setNotices([]), NOTICE_MS);
    })();
    return () => clearTimeout(timer);
  }, [db, tillId, dispatch]);

  useEffect(() => {
    if (!restored) return;
    const alive = () => void beat(db).catch((error: unknown) => console.warn('heartbeat', error));
    alive();
    const interval = setInterval(alive, HEARTBEAT_MS);
    const onHide = () => document.visibilityState === 'hidden' && alive();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', alive);
    return () => {
      clearInterval(interval);
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', alive);
    };
  }, [db, restored]);

  useEffect(() => {
    // Not before the stored basket is read: an empty first render would erase it.
    if (!restored) return;
    saveBasket(db, cart).catch((error: unknown) => console.warn('basket not kept', error));
  }, [db, cart, restored]);

  return notices;
}
