/**
 * What every screen needs: the database, the co-op (live), and who is at the
 * till. Screens read data with useLiveQuery so that a sale recorded anywhere
 * shows everywhere at once.
 */
import { createContext, useContext } from 'react';
import type { Coop, Member } from '../shared/schemas';
import type { EtalDb } from './db/db';

export type AppContextValue = {
  db: EtalDb;
  coop: Coop;
  members: Member[];
  /** The member at the till (recorded on each sale), if chosen. */
  cashierId: string | undefined;
  setCashierId: (id: string | undefined) => void;
  /** Lines in the till's basket (kept across tabs): the day cannot be closed while it holds any. */
  basketLines?: number;
  setBasketLines?: (lines: number) => void;
  /** Switches to the till tab. */
  openTill?: () => void;
};

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}
