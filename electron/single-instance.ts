/**
 * One Étal per user session: two windows on one IndexedDB would race for
 * ticket numbers. A second launch (a double-click on the icon while the till
 * is open, often behind another window) brings the first one forward instead.
 */

/** The part of Electron's `app` this needs. */
export type InstanceApp = {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
};

/** The part of BrowserWindow this needs. */
export type FocusableWindow = {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
};

/**
 * Brings `win` to the front: restored if minimised, shown if hidden. Returns
 * false when there is no window yet (a second launch during startup: the
 * first window will show itself when ready).
 */
export function bringToFront(win: FocusableWindow | null): boolean {
  if (!win || win.isDestroyed()) return false;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
  return true;
}

/**
 * Takes the single-instance lock. The first instance gets true and, from then
 * on, answers each later launch by bringing its window forward. A later
 * instance gets false and quits: it must not create a window or touch data.
 */
export function claimSingleInstance(app: InstanceApp, currentWindow: () => FocusableWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    bringToFront(currentWindow());
  });
  return true;
}
