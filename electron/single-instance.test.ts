import { describe, expect, it, vi } from 'vitest';
import { type FocusableWindow, type InstanceApp, bringToFront, claimSingleInstance } from './single-instance';

function fakeApp(gotLock: boolean) {
  const listeners: Array<() => void> = [];
  const app = {
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    on: vi.fn((_event: 'second-instance', listener: () => void) => {
      listeners.push(listener);
    }),
  } satisfies InstanceApp;
  const launchAgain = (): void => {
    for (const listener of listeners) listener();
  };
  return { app, launchAgain };
}

function fakeWindow(state: { minimized?: boolean; visible?: boolean; destroyed?: boolean } = {}) {
  const calls: string[] = [];
  const win = {
    isDestroyed: () => state.destroyed ?? false,
    isMinimized: () => state.minimized ?? false,
    isVisible: () => state.visible ?? true,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
  } satisfies FocusableWindow;
  return { win, calls };
}

describe('claimSingleInstance', () => {
  it('lets the first instance run and answers later launches', () => {
    const { app } = fakeApp(true);
    expect(claimSingleInstance(app, () => null)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    expect(app.on).toHaveBeenCalledWith('second-instance', expect.any(Function));
  });

  it('makes a second instance quit at once, without listening for anything', () => {
    const { app } = fakeApp(false);
    expect(claimSingleInstance(app, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.on).not.toHaveBeenCalled();
  });

  it('brings the first window forward, restoring it if minimised, when launched again', () => {
    const { app, launchAgain } = fakeApp(true);
    const { win, calls } = fakeWindow({ minimized: true });
    claimSingleInstance(app, () => win);
    launchAgain();
    expect(calls).toEqual(['restore', 'focus']);
  });

  it('asks for the current window at each launch (it may have been recreated)', () => {
    const { app, launchAgain } = fakeApp(true);
    let current: FocusableWindow | null = null;
    claimSingleInstance(app, () => current);
    expect(() => launchAgain()).not.toThrow();
    const { win, calls } = fakeWindow();
    current = win;
    launchAgain();
    expect(calls).toEqual(['focus']);
  });
});

describe('bringToFront', () => {
  it('focuses a visible window', () => {
    const { win, calls } = fakeWindow();
    expect(bringToFront(win)).toBe(true);
    expect(calls).toEqual(['focus']);
  });

  it('shows a hidden window before focusing it', () => {
    const { win, calls } = fakeWindow({ visible: false });
    bringToFront(win);
    expect(calls).toEqual(['show', 'focus']);
  });

  it('does nothing without a live window (second launch during startup)', () => {
    expect(bringToFront(null)).toBe(false);
    const { win, calls } = fakeWindow({ destroyed: true });
    expect(bringToFront(win)).toBe(false);
    expect(calls).toEqual([]);
  });
});
