import { describe, expect, it, vi } from 'vitest';
import { QUIT_BACKUP_SCRIPT, backupOnClose, type ClosableWindow } from './quit-backup';

function fakeWindow(run: () => Promise<unknown>) {
  let listener: ((event: { preventDefault: () => void }) => void) | undefined;
  const win = {
    on: vi.fn((_event: 'close', l: (event: { preventDefault: () => void }) => void) => {
      listener = l;
    }),
    webContents: { executeJavaScript: vi.fn((_code: string) => run()) },
    isDestroyed: vi.fn(() => false),
    close: vi.fn(() => {
      fire();
    }),
  } satisfies ClosableWindow;
  const prevented: boolean[] = [];
  const fire = () => {
    let p = false;
    listener?.({ preventDefault: () => (p = true) });
    prevented.push(p);
  };
  return { win, fire, prevented };
}

describe('backupOnClose', () => {
  it('holds the first close, runs the page backup, then closes for real', async () => {
    let finish: (v: unknown) => void = () => undefined;
    const { win, fire, prevented } = fakeWindow(() => new Promise((r) => (finish = r)));
    backupOnClose(win, 5000);
    fire();
    expect(prevented).toEqual([true]);
    expect(win.webContents.executeJavaScript).toHaveBeenCalledWith(QUIT_BACKUP_SCRIPT);
    expect(win.close).not.toHaveBeenCalled();
    finish({ saved: true });
    await vi.waitFor(() => expect(win.close).toHaveBeenCalledTimes(1));
    expect(prevented).toEqual([true, false]);
  });

  it('closes anyway when the page fails or does not answer in time', async () => {
    const failing = fakeWindow(() => Promise.reject(new Error('page gone')));
    backupOnClose(failing.win, 5000);
    failing.fire();
    await vi.waitFor(() => expect(failing.win.close).toHaveBeenCalledTimes(1));

    vi.useFakeTimers();
    try {
      const stuck = fakeWindow(() => new Promise(() => undefined));
      backupOnClose(stuck.win, 1000);
      stuck.fire();
      await vi.advanceTimersByTimeAsync(999);
      expect(stuck.win.close).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(stuck.win.close).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
