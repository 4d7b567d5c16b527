import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  type DisplayArea,
  type Rectangle,
  type TrackedWindow,
  type WindowState,
  fileWindowStateWriter,
  loadWindowState,
  parseWindowState,
  restoreWindowState,
  saveWindowState,
  saveWindowStateSync,
  trackWindowState,
} from './window-state';

const laptop: DisplayArea = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
// A second screen to the right of the laptop, and one above it.
const right: DisplayArea = { workArea: { x: 1920, y: 0, width: 2560, height: 1400 } };
const above: DisplayArea = { workArea: { x: 0, y: -1080, width: 1920, height: 1080 } };
const netbook: DisplayArea = { workArea: { x: 0, y: 0, width: 1024, height: 576 } };

function state(bounds: Rectangle, flags: Partial<Pick<WindowState, 'isMaximized' | 'isFullScreen'>> = {}): WindowState {
  return { bounds, isMaximized: false, isFullScreen: false, ...flags };
}

describe('restoreWindowState', () => {
  it('opens centred at 1280 × 800 the first time', () => {
    expect(restoreWindowState(null, [laptop])).toEqual({ width: 1280, height: 800, isMaximized: false, isFullScreen: false });
    expect(DEFAULT_SIZE).toEqual({ width: 1280, height: 800 });
  });

  it('never goes below 1024 × 600, even on a smaller screen', () => {
    expect(MIN_SIZE).toEqual({ width: 1024, height: 600 });
    expect(restoreWindowState(null, [netbook])).toMatchObject({ width: 1024, height: 600 });
    expect(restoreWindowState(state({ x: 10, y: 10, width: 300, height: 200 }), [laptop])).toMatchObject({ x: 10, y: 10, width: 1024, height: 600 });
  });

  it('puts the window back where it was on a screen still plugged in', () => {
    const saved = state({ x: 100, y: 50, width: 1400, height: 900 });
    expect(restoreWindowState(saved, [laptop])).toEqual({ x: 100, y: 50, width: 1400, height: 900, isMaximized: false, isFullScreen: false });
  });

  it('finds the window on a secondary screen, including one with negative coordinates', () => {
    expect(restoreWindowState(state({ x: 2200, y: 100, width: 1600, height: 1000 }), [laptop, right])).toMatchObject({ x: 2200, y: 100 });
    expect(restoreWindowState(state({ x: 200, y: -900, width: 1280, height: 800 }), [laptop, above])).toMatchObject({ x: 200, y: -900 });
  });

  it('falls back to centred on the primary screen when the saved screen is unplugged', () => {
    const onUnplugged = state({ x: 2200, y: 100, width: 1600, height: 1000 }, { isMaximized: true });
    const placement = restoreWindowState(onUnplugged, [laptop]);
    expect(placement).toEqual({ width: 1600, height: 1000, isMaximized: true, isFullScreen: false });
    expect(placement).not.toHaveProperty('x');
  });

  it('falls back when only a sliver would show, or the title bar is off the top', () => {
    // 40 px of the window's left edge on screen: not enough to grab it.
    expect(restoreWindowState(state({ x: 1880, y: 100, width: 1280, height: 800 }), [laptop])).not.toHaveProperty('x');
    // Title bar above the screen, the rest visible: cannot be dragged back.
    expect(restoreWindowState(state({ x: 100, y: -20, width: 1280, height: 800 }), [laptop])).not.toHaveProperty('x');
    // Far away (coordinates from a display configuration long gone).
    expect(restoreWindowState(state({ x: -30000, y: 30000, width: 1280, height: 800 }), [laptop, right])).not.toHaveProperty('x');
  });

  it('keeps a window that overhangs the screen edge if its title bar can be grabbed', () => {
    expect(restoreWindowState(state({ x: 1500, y: 100, width: 1280, height: 800 }), [laptop])).toMatchObject({ x: 1500, y: 100 });
  });

  it('shrinks a saved size larger than the screen now (a resolution change)', () => {
    const placement = restoreWindowState(state({ x: 0, y: 0, width: 2500, height: 1400 }), [laptop]);
    expect(placement).toMatchObject({ x: 0, y: 0, width: 1920, height: 1040 });
    const fallback = restoreWindowState(state({ x: 5000, y: 0, width: 2500, height: 1400 }), [netbook]);
    expect(fallback).toEqual({ width: 1024, height: 600, isMaximized: false, isFullScreen: false });
  });

  it('restores the maximised and full-screen flags', () => {
    expect(restoreWindowState(state({ x: 0, y: 0, width: 1280, height: 800 }, { isFullScreen: true }), [laptop])).toMatchObject({
      isMaximized: false,
      isFullScreen: true,
    });
  });

  it('still answers with no display reported', () => {
    expect(restoreWindowState(state({ x: 0, y: 0, width: 1300, height: 820 }), [])).toEqual({
      width: 1300,
      height: 820,
      isMaximized: false,
      isFullScreen: false,
    });
  });
});

describe('parseWindowState', () => {
  it('accepts a saved state', () => {
    const saved = state({ x: -10, y: 20, width: 1280, height: 800 }, { isMaximized: true });
    expect(parseWindowState(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
  });

  it.each([
    null,
    'x',
    [],
    {},
    { bounds: { x: 0, y: 0, width: 0, height: 800 }, isMaximized: false, isFullScreen: false },
    { bounds: { x: 0, y: 0, width: 1280.5, height: 800 }, isMaximized: false, isFullScreen: false },
    { bounds: { x: 0, y: 0, width: 1280, height: 800 }, isMaximized: 'yes', isFullScreen: false },
    { bounds: { x: 1e12, y: 0, width: 1280, height: 800 }, isMaximized: false, isFullScreen: false },
  ])('refuses %j', (value) => {
    expect(parseWindowState(value)).toBeNull();
  });
});

describe('window state file', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'etal-window-'));
    file = path.join(dir, 'window-state.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through the file, leaving no temporary file behind', async () => {
    const saved = state({ x: 5, y: 6, width: 1300, height: 850 }, { isMaximized: true });
    await saveWindowState(file, saved);
    await expect(loadWindowState(file)).resolves.toEqual(saved);
    saveWindowStateSync(file, { ...saved, isMaximized: false });
    await expect(loadWindowState(file)).resolves.toEqual({ ...saved, isMaximized: false });
    expect(await readdir(dir)).toEqual(['window-state.json']);
  });

  it('gives null (so the defaults) for a missing, truncated or invalid file', async () => {
    await expect(loadWindowState(file)).resolves.toBeNull();
    await writeFile(file, '{"bounds":{"x":0,"y":0,"wid');
    await expect(loadWindowState(file)).resolves.toBeNull();
    await writeFile(file, '{"bounds":"everywhere"}');
    await expect(loadWindowState(file)).resolves.toBeNull();
    expect(restoreWindowState(await loadWindowState(file), [laptop])).toEqual({
      width: 1280,
      height: 800,
      isMaximized: false,
      isFullScreen: false,
    });
  });

  it('replaces a corrupt file on the next save', async () => {
    await writeFile(file, 'garbage');
    await saveWindowState(file, state({ x: 1, y: 2, width: 1280, height: 800 }));
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ bounds: { x: 1, y: 2 } });
  });

  it('fails loudly (for the log) when the folder is gone, leaving nothing behind', () => {
    expect(() => saveWindowStateSync(path.join(dir, 'missing', 'w.json'), state({ x: 0, y: 0, width: 1280, height: 800 }))).toThrow();
  });
});

class FakeWindow extends EventEmitter implements TrackedWindow {
  destroyed = false;
  maximized = false;
  fullScreen = false;
  minimized = false;
  normalBounds: Rectangle = { x: 10, y: 20, width: 1280, height: 800 };
  isDestroyed = (): boolean => this.destroyed;
  isMaximized = (): boolean => this.maximized;
  isFullScreen = (): boolean => this.fullScreen;
  isMinimized = (): boolean => this.minimized;
  getNormalBounds = (): Rectangle => this.normalBounds;
}

describe('trackWindowState', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    const win = new FakeWindow();
    const writer = { save: vi.fn((_: WindowState) => Promise.resolve()), saveSync: vi.fn((_: WindowState) => undefined) };
    const onError = vi.fn();
    trackWindowState(win, writer, { delayMs: 500, onError });
    return { win, writer, onError };
  }

  it('saves once, shortly after the window stops moving', () => {
    const { win, writer } = setup();
    win.normalBounds = { x: 300, y: 200, width: 1400, height: 900 };
    win.emit('move');
    vi.advanceTimersByTime(300);
    win.emit('resize');
    vi.advanceTimersByTime(300);
    expect(writer.save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(writer.save).toHaveBeenCalledTimes(1);
    expect(writer.save).toHaveBeenCalledWith({ bounds: { x: 300, y: 200, width: 1400, height: 900 }, isMaximized: false, isFullScreen: false });
  });

  it('saves the normal bounds with the maximised flag, so un-maximising gives the chosen size back', () => {
    const { win, writer } = setup();
    win.maximized = true;
    win.emit('maximize');
    vi.advanceTimersByTime(500);
    expect(writer.save).toHaveBeenLastCalledWith({ bounds: { x: 10, y: 20, width: 1280, height: 800 }, isMaximized: true, isFullScreen: false });
    win.fullScreen = true;
    win.emit('enter-full-screen');
    vi.advanceTimersByTime(500);
    expect(writer.save).toHaveBeenLastCalledWith(expect.objectContaining({ isFullScreen: true }));
  });

  it('does not save while minimised, nor after the window is destroyed', () => {
    const { win, writer } = setup();
    win.minimized = true;
    win.emit('resize');
    vi.advanceTimersByTime(500);
    win.minimized = false;
    win.emit('move');
    win.destroyed = true;
    vi.advanceTimersByTime(500);
    expect(writer.save).not.toHaveBeenCalled();
  });

  it('saves synchronously on close and drops the pending save', () => {
    const { win, writer } = setup();
    win.emit('move');
    win.emit('close');
    expect(writer.saveSync).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(writer.save).not.toHaveBeenCalled();
  });

  it('reports a failed save instead of throwing into Electron', async () => {
    const { win, writer, onError } = setup();
    writer.save.mockRejectedValueOnce(new Error('disk full'));
    writer.saveSync.mockImplementationOnce(() => {
      throw new Error('read-only');
    });
    win.emit('resize');
    await vi.advanceTimersByTimeAsync(500);
    win.emit('close');
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('writes the real file through fileWindowStateWriter', async () => {
    vi.useRealTimers();
    const dir = await mkdtemp(path.join(tmpdir(), 'etal-window-'));
    try {
      const file = path.join(dir, 'window-state.json');
      const win = new FakeWindow();
      trackWindowState(win, fileWindowStateWriter(file));
      win.emit('close');
      await expect(loadWindowState(file)).resolves.toEqual({ bounds: win.normalBounds, isMaximized: false, isFullScreen: false });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
