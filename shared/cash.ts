/**
 * What a customer can plausibly hand over in cash. A figure above both ten
 * times the amount due and 500 € is a slip of the finger (99999999 typed for
 * 50): the till refuses it rather than show, and record, an absurd change.
 */
import type { Cents } from './money';

/** 500,00 €: covers any note a customer carries for a small amount due. */
export const CASH_RECEIVED_FLOOR: Cents = 50_000;

/** The most cash the till accepts as received for `due`: max(10 × due, 500 €). */
export function maxCashReceived(due: Cents): Cents {
  return Math.max(10 * due, CASH_RECEIVED_FLOOR);
}

export function cashReceivedTooHigh(due: Cents, received: Cents): boolean {
  return received > maxCashReceived(due);
}
