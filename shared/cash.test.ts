import { describe, expect, it } from 'vitest';
import { cashReceivedTooHigh, maxCashReceived } from './cash';

describe('cash a customer can hand over', () => {
  it('allows up to 500 € for a small amount due, and ten times the amount above 50 €', () => {
    expect(maxCashReceived(350)).toBe(50_000);
    expect(maxCashReceived(5_000)).toBe(50_000);
    expect(maxCashReceived(12_000)).toBe(120_000);
  });

  it('refuses 99 999 999 typed for 3,50 € and accepts a 500 € note for it', () => {
    expect(cashReceivedTooHigh(350, 9_999_999_900)).toBe(true);
    expect(cashReceivedTooHigh(350, 50_000)).toBe(false);
    expect(cashReceivedTooHigh(350, 50_001)).toBe(true);
    expect(cashReceivedTooHigh(12_000, 120_000)).toBe(false);
    expect(cashReceivedTooHigh(12_000, 120_001)).toBe(true);
  });
});
