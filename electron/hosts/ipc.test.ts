import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { channels, type Handlers } from '../../shared/contract';
import { createHandlers } from '../handlers';
import { registerIpcHandlers, type IpcMainLike } from './ipc';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const listeners = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener as Listener);
    },
    removeHandler: (channel) => {
      listeners.delete(channel);
    },
  };
  const call = (channel: string, frameUrl: string | null, input: unknown): Promise<unknown> => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    const event = { senderFrame: frameUrl === null ? null : { url: frameUrl } } as unknown as IpcMainInvokeEvent;
    return Promise.resolve(listener(event, input));
  };
  return { ipcMain, listeners, call };
}

function handlersCounting(): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  const base = createHandlers({
    app: { name: 'Étal', version: '1.0.0', mode: 'electron', platform: 'linux' },
    chooseSavePath: () => Promise.resolve(null),
    backupsDir: '/nonexistent/backups',
  });
  const handlers: Handlers = {
    ...base,
    'app:get-info': (input) => {
      calls.push('app:get-info');
      return base['app:get-info'](input);
    },
  };
  return { handlers, calls };
}

describe('registerIpcHandlers', () => {
  it('registers every channel of the contract, and removes them again', () => {
    const { ipcMain, listeners } = fakeIpcMain();
    const unregister = registerIpcHandlers(ipcMain, handlersCounting().handlers);
    expect([...listeners.keys()].sort()).toEqual([...channels].sort());
    unregister();
    expect(listeners.size).toBe(0);
  });

  it('answers the app page through dispatch', async () => {
    const { ipcMain, call } = fakeIpcMain();
    const { handlers, calls } = handlersCounting();
    registerIpcHandlers(ipcMain, handlers);
    await expect(call('app:get-info', 'app://etal/index.html', {})).resolves.toEqual({
      ok: true,
      result: { name: 'Étal', version: '1.0.0', mode: 'electron', platform: 'linux' },
    });
    expect(calls).toEqual(['app:get-info']);
  });

  it.each([['https://evil.example/'], ['app://etal.evil/index.html'], ['file:///tmp/x.html'], ['about:blank'], [null]])(
    'rejects a sender frame at %s without running the handler',
    async (frameUrl) => {
      const { ipcMain, call } = fakeIpcMain();
      const { handlers, calls } = handlersCounting();
      registerIpcHandlers(ipcMain, handlers);
      await expect(call('app:get-info', frameUrl, {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(calls).toEqual([]);
    },
  );

  it('passes invalid input back as an invalid-input error', async () => {
    const { ipcMain, call } = fakeIpcMain();
    registerIpcHandlers(ipcMain, handlersCounting().handlers);
    const reply = await call('files:save', 'app://etal/index.html', { suggestedName: '', content: 'x' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input', detail: expect.stringMatching(/^suggestedName: /) as unknown } });
  });
});
