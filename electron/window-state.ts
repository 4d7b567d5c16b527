/**
 * Remembering the window's size, position and maximised / full-screen state
 * between launches. Plain functions and an injected window, so all of it is
 * tested without Electron; main.ts only passes the real BrowserWindow and the
 * real displays in.
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './files/write';

export type Rectangle = { x: number; y: number; width: number; height: number };
export type WindowState = { bounds: Rectangle; isMaximized: boolean; isFullScreen: boolean };
/** What BrowserWindow's constructor takes: no x/y means "centre it". */
export type InitialWindowPlacement = {
  x?: number;
  y?: number;
  width: number;
  height: number;
  isMaximized: boolean;
  isFullScreen: boolean;
};
/** The part of Electron's Display that matters here. */
export type DisplayArea = { workArea: Rectangle };

export const WINDOW_STATE_FILE = 'window-state.json';
/** A comfortable till on a common laptop screen. */
export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
/** Below this the checkout screen stops fitting (tiles, basket and pay buttons side by side). */
export const MIN_SIZE = { width: 1024, height: 600 } as const;

/** How much of the window's top strip must be on a screen for the user to grab it and drag it back. */
const TITLE_BAR_HEIGHT = 32;
const MIN_VISIBLE_WIDTH = 120;

const pixels = z.number().int().min(-100_000).max(100_000);
const stateSchema = z.object({
  bounds: z.object({ x: pixels, y: pixels, width: pixels.positive(), height: pixels.positive() }),
  isMaximized: z.boolean(),
  isFullScreen: z.boolean(),
});

/** A saved state, or null if the value is not one (a corrupt or hand-edited file must not stop the till from opening). */
export function parseWindowState(value: unknown): WindowState | null {
  const parsed = stateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function overlap(aStart: number, aLength: number, bStart: number, bLength: number): number {
  return Math.max(0, Math.min(aStart + aLength, bStart + bLength) - Math.max(aStart, bStart));
}

/**
 * True when the window's title bar is on `area` enough to be grabbed: its top
 * edge is inside the work area (not under the macOS menu bar or above the
 * screen) and a good stretch of it is visible across.
 */
function titleBarOn(bounds: Rectangle, area: Rectangle): boolean {
  const topInside = bounds.y >= area.y && bounds.y + TITLE_BAR_HEIGHT <= area.y + area.height;
  return topInside && overlap(bounds.x, bounds.width, area.x, area.width) >= Math.min(MIN_VISIBLE_WIDTH, bounds.width);
}

/**
 * Where to open the window, given what was saved and the displays plugged in
 * now. The saved position is kept only if the window would still be
 * reachable (a second screen unplugged since, a laptop's resolution changed);
 * otherwise the window opens centred at its saved size, shrunk to the
 * primary work area. Sizes never go below MIN_SIZE.
 */
export function restoreWindowState(saved: WindowState | null, displays: readonly DisplayArea[]): InitialWindowPlacement {
  const primary = displays[0]?.workArea;
  const fit = (width: number, height: number, area: Rectangle | undefined): { width: number; height: number } => ({
    width: Math.max(MIN_SIZE.width, area ? Math.min(width, area.width) : width),
    height: Math.max(MIN_SIZE.height, area ? Math.min(height, area.height) : height),
  });
  if (!saved) return { ...fit(DEFAULT_SIZE.width, DEFAULT_SIZE.height, primary), isMaximized: false, isFullScreen: false };

  const flags = { isMaximized: saved.isMaximized, isFullScreen: saved.isFullScreen };
  const home = displays.find((display) => titleBarOn(saved.bounds, display.workArea));
  if (!home) return { ...fit(saved.bounds.width, saved.bounds.height, primary), ...flags };
  return { x: saved.bounds.x, y: saved.bounds.y, ...fit(saved.bounds.width, saved.bounds.height, home.workArea), ...flags };
}

/** Reads the saved state; any problem (missing, unreadable, corrupt) gives null and so the defaults. */
export async function loadWindowState(file: string): Promise<WindowState | null> {
  try {
    return parseWindowState(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Atomic (temporary file, then rename): a crash mid-write leaves the previous state, never half a file. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state)}\n`);
}

/**
 * The same, synchronously, for the window's 'close' event: the app may quit
 * right after it, before an asynchronous write would have finished.
 */
export function saveWindowStateSync(file: string, state: WindowState): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, `${JSON.stringify(state)}\n`, 'utf8');
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Nothing was written.
    }
    throw error;
  }
}

/** The part of BrowserWindow the tracker uses. */
export type TrackedWindow = {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'enter-full-screen' | 'leave-full-screen' | 'close', listener: () => void): unknown;
  isDestroyed(): boolean;
  isMaximized(): boolean;
  isFullScreen(): boolean;
  isMinimized(): boolean;
  /** The bounds the window has when neither maximised, minimised nor full screen. */
  getNormalBounds(): Rectangle;
};

export type WindowStateWriter = {
  save(state: WindowState): Promise<void>;
  saveSync(state: WindowState): void;
};

export function currentWindowState(win: TrackedWindow): WindowState {
  return { bounds: win.getNormalBounds(), isMaximized: win.isMaximized(), isFullScreen: win.isFullScreen() };
}

/**
 * Saves the window's state a moment after it stops moving or resizing (so a
 * crash or a power cut still keeps a recent one) and once more, synchronously,
 * when it closes. Normal bounds are saved, so un-maximising next time gives
 * back the size the user chose. Returns a function that cancels a pending save.
 */
export function trackWindowState(
  win: TrackedWindow,
  writer: WindowStateWriter,
  options: { delayMs?: number; onError?: (error: unknown) => void } = {},
): () => void {
  const delayMs = options.delayMs ?? 500;
  const onError = options.onError ?? ((error: unknown) => console.error('Étal could not save the window state:', error));
  let timer: ReturnType<typeof setTimeout> | undefined;

  const cancel = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const schedule = (): void => {
    cancel();
    timer = setTimeout(() => {
      timer = undefined;
      // A minimised window's state is not worth keeping: restore it as it was before.
      if (win.isDestroyed() || win.isMinimized()) return;
      writer.save(currentWindowState(win)).catch(onError);
    }, delayMs);
  };

  for (const event of ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const) {
    win.on(event, schedule);
  }
  win.on('close', () => {
    cancel();
    try {
      writer.saveSync(currentWindowState(win));
    } catch (error) {
      onError(error);
    }
  });
  return cancel;
}

/** The writer main.ts uses: the JSON file in userData. */
export function fileWindowStateWriter(file: string): WindowStateWriter {
  return { save: (state) => saveWindowState(file, state), saveSync: (state) => saveWindowStateSync(file, state) };
}
