/**
 * The renderer's only door to the main process: `window.etal.invoke`.
 * ipcRenderer itself is never exposed (it would let any script in the page
 * send on any channel). Bundled into one file by scripts/build-electron.mjs
 * because a sandboxed preload cannot require packages such as zod.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { bridgeErrorCodes, isChannel, type BridgeResponse } from '../shared/contract';

export type EtalApi = {
  invoke: (channel: string, input: unknown) => Promise<BridgeResponse>;
};

const api: EtalApi = {
  invoke(channel, input) {
    // The main process checks again; refusing here keeps stray channel names
    // from ever reaching IPC.
    if (!isChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: bridgeErrorCodes.unknownChannel, detail: `no channel ${JSON.stringify(String(channel).slice(0, 80))}` },
      });
    }
    return ipcRenderer.invoke(channel, input) as Promise<BridgeResponse>;
  },
};

contextBridge.exposeInMainWorld('etal', api);
