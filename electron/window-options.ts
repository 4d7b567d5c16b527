/**
 * The main window's constructor options as a pure function, so the security
 * settings and the "no devtools when installed" rule are tested without
 * Electron.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { type InitialWindowPlacement, MIN_SIZE } from './window-state';

export type MainWindowInput = {
  placement: InitialWindowPlacement;
  preloadPath: string;
  /** app.isPackaged */
  isPackaged: boolean;
};

export function mainWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  const { placement } = input;
  return {
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : { center: true }),
    width: placement.width,
    height: placement.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    // Shown once painted (and maximised or made full screen first), so the
    // user never sees a white frame jump around.
    show: false,
    // Menu hidden until Alt is pressed on Windows and Linux: every pixel of a
    // small till screen goes to the checkout. Shortcuts work either way.
    autoHideMenuBar: true,
    // The renderer's page colour (--bg in renderer/ui/styles.css), so resizing never flashes white.
    backgroundColor: '#f6f1e9',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // An installed till has no developer tools: they would let anyone at
      // the stall read or rewrite the sales in IndexedDB.
      devTools: !input.isPackaged,
    },
  };
}
