// @vitest-environment jsdom
/**
 * The till stays instant with a big catalogue: tapping a tile adds the
 * basket line without redrawing the 2 000 other tiles. Tiles are counted as
 * they render (each draws one PictureView); no clock is involved.
 */
import { act, type ReactNode } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AppContext, BasketLinesProvider, type AppContextValue } from '../../app-context';
import { demoDb, seedCatalogue } from '../../db/testing';
import { initI18n } from '../../i18n/i18n';
import type * as Components from '../../ui/components';
import { mount, until } from '../../../test/fixtures/react-root';
import { CheckoutScreen } from './CheckoutScreen';

const tileRenders = vi.hoisted(() => ({ count: 0 }));

vi.mock('../../ui/components', async (importOriginal) => {
  const original = await importOriginal<typeof Components>();
  return {
    ...original,
    PictureView: (props: Parameters<typeof original.PictureView>[0]) => {
      tileRenders.count += 1;
      return original.PictureView(props);
    },
  };
});

const TILES = 2000;

beforeAll(async () => {
  // jsdom has no layout: the basket's "lines below" sign only needs the observer to exist.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  await initI18n();
});


async function renderTill(ui: (children: ReactNode) => ReactNode) {
  const { db, coop, product } = await demoDb();
  const products = await seedCatalogue(db, TILES);
  const members = await db.members.toArray();
  const context: AppContextValue = { db, coop, members, cashierId: undefined, setCashierId: () => undefined };
  const container = mount(<AppContext.Provider value={context}>{ui(<CheckoutScreen />)}</AppContext.Provider>);
  await until(() => container.querySelectorAll('.tile').length === TILES);
  return { container, products, product };
}

const lines = (container: HTMLElement) => container.querySelectorAll('.cart-line').length;
const tile = (container: HTMLElement, name: string) => {
  const found = container.querySelector<HTMLButtonElement>(`[data-testid="tile-${name}"]`);
  if (!found) throw new Error(`no tile ${name}`);
  return found;
};

describe('tapping a tile with 2 000 products', () => {
  it('adds the line and redraws no tile, tap after tap', async () => {
    const { container, products } = await renderTill((children) => <BasketLinesProvider>{children}</BasketLinesProvider>);
    const pieces = products.filter((p) => p.unit === 'piece').slice(0, 3);
    expect(pieces).toHaveLength(3);
    for (const [i, p] of pieces.entries()) {
      tileRenders.count = 0;
      act(() => tile(container, p.name).click());
      await until(() => lines(container) === i + 1);
      expect(tileRenders.count).toBeLessThanOrEqual(3);
    }
    expect(container.querySelector('[data-testid="cart-total"]')?.textContent).not.toBe('0,00 €');
  }, 60_000);
});
