import { beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
}));

// The real module cannot load under plain Node; the preload only needs these two.
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke },
}));

type Exposed = { invoke: (channel: unknown, input: unknown) => Promise<unknown> };
let exposed: Exposed;

beforeAll(async () => {
  await import('./preload');
  expect(electron.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = electron.exposeInMainWorld.mock.calls[0] ?? [];
  expect(key).toBe('etal');
  exposed = api as Exposed;
});

describe('preload', () => {
  it('exposes window.etal with invoke only, never ipcRenderer', () => {
    expect(Object.keys(exposed)).toEqual(['invoke']);
    expect(typeof exposed.invoke).toBe('function');
  });

  it('forwards a contract channel to ipcRenderer.invoke', async () => {
    electron.invoke.mockResolvedValueOnce({ ok: true, result: { printers: [] } });
    await expect(exposed.invoke('printer:list', {})).resolves.toEqual({ ok: true, result: { printers: [] } });
    expect(electron.invoke).toHaveBeenLastCalledWith('printer:list', {});
  });

  it.each(['shell:open-external', 'constructor', '__proto__', 42, undefined])(
    'refuses %s without touching IPC',
    async (channel) => {
      electron.invoke.mockClear();
      await expect(exposed.invoke(channel, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
      expect(electron.invoke).not.toHaveBeenCalled();
    },
  );
});
