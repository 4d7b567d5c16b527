import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options';

const placement = { width: 1280, height: 800, isMaximized: false, isFullScreen: false };

describe('mainWindowOptions', () => {
  it('has no developer tools in an installed app, and has them while developing', () => {
    expect(mainWindowOptions({ placement, preloadPath: '/p.cjs', isPackaged: true }).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions({ placement, preloadPath: '/p.cjs', isPackaged: false }).webPreferences?.devTools).toBe(true);
  });

  it('keeps the renderer isolated and sandboxed', () => {
    expect(mainWindowOptions({ placement, preloadPath: '/app/preload.cjs', isPackaged: true }).webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('centres the window when there is no position to restore', () => {
    const options = mainWindowOptions({ placement, preloadPath: '/p.cjs', isPackaged: true });
    expect(options).toMatchObject({ center: true, width: 1280, height: 800, minWidth: 1024, minHeight: 600, show: false });
    expect(options).not.toHaveProperty('x');
  });

  it('uses a restored position and size', () => {
    const options = mainWindowOptions({ placement: { ...placement, x: -1500, y: 40, width: 1400 }, preloadPath: '/p.cjs', isPackaged: true });
    expect(options).toMatchObject({ x: -1500, y: 40, width: 1400, height: 800 });
    expect(options).not.toHaveProperty('center');
  });
});
