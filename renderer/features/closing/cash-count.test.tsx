// @vitest-environment jsdom
/**
 * Counting the drawer never reads the database: each digit typed moves the
 * counted total and the difference on screen, and the Z preview (the query
 * over the day's records) is not run again. No clock is involved.
 */
import { act } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AppContext, BasketLinesProvider, type AppContextValue } from '../../app-context';
import type * as Closings from '../../db/closings';
import { recordCashMovement } from '../../db/closings';
import { recordSale } from '../../db/sales';
import { cartLine, demoDb } from '../../db/testing';
import { initI18n } from '../../i18n/i18n';
import { mount, until } from '../../../test/fixtures/react-root';
import { ClosingScreen } from './ClosingScreen';

const previews = vi.hoisted(() => ({ count: 0 }));

vi.mock('../../db/closings', async (importOriginal) => {
  const original = await importOriginal<typeof Closings>();
  return {
    ...original,
    previewDayClosing: (...args: Parameters<typeof original.previewDayClosing>) => {
      previews.count += 1;
      return original.previewDayClosing(...args);
    },
  };
});
// Canvas charts have nothing to draw on in jsdom, and are not what is tested.
vi.mock('./DayCharts', () => ({ DayCharts: () => null }));

beforeAll(async () => {
  await initI18n();
});


/** What a keystroke does to a controlled input: the value changes and React hears an input event. */
function type(input: HTMLInputElement, text: string) {
  // React keeps the last value it saw in a tracker and ignores an event that did not change it: set the value, then make the tracker forget it, as a real keystroke leaves it.
  const tracked = input as HTMLInputElement & { _valueTracker?: { setValue: (value: string) => void } };
  act(() => {
    input.value = text;
    tracked._valueTracker?.setValue('');
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const plain = (el: Element | null) => (el?.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('the cash count', () => {
  it('recounts on every digit without running the Z preview again', async () => {
    const { db, coop, product } = await demoDb();
    await recordCashMovement(db, coop, { kind: 'fund', amount: 10000 });
    await recordSale(db, coop, { cart: { lines: [cartLine(product('Guirlande wax 1 m'), 2000)] }, payments: [{ method: 'cash', amount: 2400 }] });
    const context: AppContextValue = { db, coop, members: await db.members.toArray(), cashierId: undefined, setCashierId: () => undefined };
    const container = mount(
        <AppContext.Provider value={context}>
          <BasketLinesProvider>
            <ClosingScreen />
          </BasketLinesProvider>
        </AppContext.Provider>,
    );
    const expected = () => container.querySelector('[data-testid="cash-expected"]');
    await until(() => plain(expected()) === '124,00 €');
    const before = previews.count;
    expect(before).toBeGreaterThan(0);

    const fifties = container.querySelector<HTMLInputElement>('[data-testid="count-5000"]');
    const coins = container.querySelector<HTMLInputElement>('[data-testid="count-200"]');
    if (!fifties || !coins) throw new Error('no count fields');
    type(fifties, '2');
    expect(plain(container.querySelector('[data-testid="cash-difference"]'))).toBe('-24,00 €');
    type(coins, '1');
    type(coins, '12');
    expect(plain(container.querySelector('[data-testid="count-total"]'))).toBe('124,00 €');
    expect(plain(container.querySelector('[data-testid="cash-difference"]'))).toBe('0,00 €');
    // The draft Z below shows the same count.
    expect(plain(container.querySelector('[data-testid="z-counted"]'))).toBe('124,00 €');
    // Let any live query that a keystroke might have started come back before counting them.
    await act(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(previews.count).toBe(before);
  }, 30_000);
});
