/**
 * What every screen needs: the database, the co-op (live), and who is at the
 * till. Screens read data with useLiveQuery so that a sale recorded anywhere
 * shows everywhere at once.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Coop, Member } from '../shared/schemas';
import type { EtalDb } from './db/db';

export type AppContextValue = {
  db: EtalDb;
  coop: Coop;
  members: Member[];
  /** The member at the till (recorded on each sale), if chosen. */
  cashierId: string | undefined;
  setCashierId: (id: string | undefined) => void;
  /** Switches to the till tab. */
  openTill?: () => void;
};

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}

/**
 * Lines in the till's basket (kept across tabs): the day cannot be closed
 * while it holds any. A context of its own, held by its own component: a tap
 * that adds a line changes it, and must not re-render every screen and tile
 * that reads the app context.
 */
export type BasketLinesValue = { basketLines: number; setBasketLines: (lines: number) => void };

const BasketLinesContext = createContext<BasketLinesValue>({ basketLines: 0, setBasketLines: () => undefined });

export function BasketLinesProvider({ children }: { children: ReactNode }) {
  const [basketLines, setBasketLines] = useState(0);
  const value = useMemo(() => ({ basketLines, setBasketLines }), [basketLines]);
  return <BasketLinesContext.Provider value={value}>{children}</BasketLinesContext.Provider>;
}

export function useBasketLines(): BasketLinesValue {
  return useContext(BasketLinesContext);
}
