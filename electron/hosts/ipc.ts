/**
 * Electron host: every channel of the contract on ipcMain.handle. ipcMain is
 * passed in so this runs under tests with a fake (electron cannot be loaded
 * there).
 */
// `import type`, not inline `{ type ... }`: with verbatimModuleSyntax the
// inline form still emits `import 'electron'`, which crashes under plain Node.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { bridgeErrorCodes, channels, type BridgeResponse, type Handlers } from '../../shared/contract';
import { dispatchToResponse } from '../handlers';
import { isAppUrl } from '../security';

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;
/** The part of the event the sender check reads. */
export type IpcSender = Pick<IpcMainInvokeEvent, 'senderFrame'>;

/**
 * Only Étal's own page may use the bridge. If a frame ever showed other
 * content (an injected iframe, a navigation that slipped through), it still
 * could not write files or print.
 */
export function isTrustedSender(event: IpcSender): boolean {
  const frame = event.senderFrame;
  // null: the frame navigated away or was destroyed since it sent this.
  return frame !== null && isAppUrl(frame.url);
}

/** Registers the handlers; returns a function that removes them again. */
export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: Handlers): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<BridgeResponse> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: bridgeErrorCodes.forbidden, detail: 'sender is not the app page' } };
      }
      return dispatchToResponse(handlers, channel, input);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
