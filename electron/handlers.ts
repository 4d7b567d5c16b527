/**
 * The host side of the bridge: one implementation per channel of
 * shared/contract.ts, used by both hosts (IPC in Electron, HTTP in web mode).
 * Nothing here imports electron: what differs between the hosts (the save
 * dialog, app info) comes in through `HandlerDeps`.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type z } from 'zod';
import {
  BridgeFailure,
  bridgeErrorCodes,
  contract,
  isChannel,
  type BridgeError,
  type BridgeResponse,
  type Channel,
  type ChannelOutput,
  type Handlers,
} from '../shared/contract';
import { fileNameProblem, fileNameProblemText } from '../shared/file-names';
import { type SaveTarget } from './files/locations';
import { createBackupStore } from './files/backups';
import { KeyUnavailable, type HostKeyStore } from './keys/custody';
import { decodeContent, writeFileData } from './files/write';
import { openDrawer, printReceipt, printTestPage, type PagePrinter, type PrintOptions } from './printing/print';
import { listPrinters, type DetectedPrinter, type TransportOptions } from './printing/transports';

export type AppInfo = ChannelOutput<'app:get-info'>;

export type HandlerDeps = {
  app: AppInfo;
  /**
   * Where to save an export. Electron asks with the OS dialog (null when the
   * person cancels; the dialog itself confirms replacing a file); web mode
   * picks a free name in the exports folder (see createFolderSaveChooser).
   */
  chooseSavePath: (suggestedName: string) => Promise<SaveTarget | null>;
  /** `<data dir>/backups`, created on first use. */
  backupsDir: string;
  /** The host's clock, which names and dates backups (tests set it). */
  clock?: () => Date;
  /**
   * Desktop only: `<data dir>/exports` and a way to show a folder in the OS
   * file manager (electron/open-folder.ts over shell.openPath). Web mode has
   * neither: its exports download in the browser.
   */
  folders?: { exportsDir: string; open: (dir: string) => Promise<string> };
  /** Electron only: the till's key kept with the OS key store (electron/keys/custody.ts). */
  keyStore?: HostKeyStore;
  /** Printing knobs for tests (time budget, device folders, spooler command) and printer detection. */
  printing?: {
    transport?: TransportOptions;
    listPrinters?: () => Promise<DetectedPrinter[]>;
    /** Electron only: Windows driver printers get pages (electron/printing/print.ts). */
    pagePrinter?: PagePrinter;
    /** Electron only: the printers installed in the OS, for detection on Windows. */
    osPrinters?: () => Promise<{ name: string; displayName?: string }[]>;
  };
};

/**
 * Whole printer job, connect included, as the till waits for it. Network: 2 s
 * (a stalled printer's sentence was on screen 2.4 s after the tap, end to end;
 * at 2.5 s it was 2.9 s). Serial keeps the transports' 2.5 s: at 9600 baud a
 * receipt with its QR code takes about 2 s to send.
 */
export const PRINT_BUDGET_MS = { network: 2000, local: 2500 } as const;

function budgetFor(config: { connection: { kind: string } }): TransportOptions {
  return { timeoutMs: config.connection.kind === 'network' ? PRINT_BUDGET_MS.network : PRINT_BUDGET_MS.local };
}

/** How many times a save re-chooses when another save took the name first. */
const SAVE_ATTEMPTS = 5;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isExistsError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST';
}

/** What the renderer's custody falls back on when the host keeps no key (web mode, or no OS key store). */
export const KEY_UNAVAILABLE = 'key-unavailable';

async function withKeyStore<T>(store: HostKeyStore | undefined, use: (store: HostKeyStore) => Promise<T>): Promise<T> {
  if (!store) throw new BridgeFailure(KEY_UNAVAILABLE, 'this host keeps no signing key');
  try {
    return await use(store);
  } catch (error) {
    if (error instanceof KeyUnavailable) throw new BridgeFailure(KEY_UNAVAILABLE, error.message);
    throw error;
  }
}

/** 'etal-remplacees-2026-12-04T18-30-00-123Z-1a2b3c.json': the host's own name, outside the backups' rotation. */
export function sealedFileName(createdAt: string, suffix = randomBytes(3).toString('hex')): string {
  const stamp = createdAt.replace(/\.(\d{3})\d*Z$/, '-$1Z').replace(/:/g, '-');
  return `etal-remplacees-${stamp}-${suffix}.json`;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const pagePrinter = deps.printing?.pagePrinter;
  const transport = (config: { connection: { kind: string } }): PrintOptions => ({ ...budgetFor(config), ...deps.printing?.transport, ...(pagePrinter ? { pagePrinter } : {}) });
  const osPrinters = deps.printing?.osPrinters;
  const detect = deps.printing?.listPrinters ?? (() => listPrinters(osPrinters ? { osPrinters } : {}));
  const backups = createBackupStore(deps.backupsDir, deps.clock);
  return {
    'app:get-info': () => Promise.resolve({ ...deps.app }),

    'files:save': async (input) => {
      const data = decodeContent(input.content, input.encoding);
      if (data === null) throw new BridgeFailure(bridgeErrorCodes.invalidInput, 'content: not valid base64');
      for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt += 1) {
        let target: SaveTarget | null;
        try {
          target = await deps.chooseSavePath(input.suggestedName);
        } catch (error) {
          throw new BridgeFailure(bridgeErrorCodes.io, errorMessage(error));
        }
        if (target === null) return { saved: false };
        if (!path.isAbsolute(target.path)) throw new BridgeFailure(bridgeErrorCodes.internal, 'save path is not absolute');
        // The dialog lets a person type any name: the same rule as the suggested one.
        const problem = fileNameProblem(path.basename(target.path));
        if (problem) throw new BridgeFailure(bridgeErrorCodes.invalidFileName, fileNameProblemText(path.basename(target.path), problem));
        try {
          await writeFileData(target.path, data, { overwrite: target.overwrite });
          return { saved: true, path: target.path };
        } catch (error) {
          if (!target.overwrite && isExistsError(error)) continue;
          throw new BridgeFailure(bridgeErrorCodes.io, errorMessage(error));
        }
      }
      throw new BridgeFailure(bridgeErrorCodes.io, `could not find a free name for ${input.suggestedName}`);
    },

    'files:open-folder': async (input) => {
      if (!deps.folders) return { opened: false, error: { code: 'unsupported', detail: 'no file manager in this mode' } };
      const dir = input.folder === 'backups' ? deps.backupsDir : deps.folders.exportsDir;
      try {
        await mkdir(dir, { recursive: true });
        const problem = await deps.folders.open(dir);
        return problem ? { opened: false, error: { code: bridgeErrorCodes.io, detail: problem } } : { opened: true };
      } catch (error) {
        return { opened: false, error: { code: bridgeErrorCodes.io, detail: errorMessage(error) } };
      }
    },

    // Printer problems are answers, not throws: the sale is already saved and
    // the till says what happened (electron/printing never throws, and gives
    // up within its 2.5 s budget).
    'printer:print-receipt': (input) => printReceipt(input.receipt, input.printer, { ...transport(input.printer), openDrawer: input.openDrawer }),
    'printer:test': (input) => printTestPage(input.printer, input.coop, transport(input.printer)),
    'printer:open-drawer': (input) => openDrawer(input.printer, transport(input.printer)),
    // Detection failing is not worth an error: the settings screen says "no printer found".
    'printer:list': async () => {
      try {
        return { printers: await detect() };
      } catch (error) {
        console.warn('printer detection failed', error);
        return { printers: [] };
      }
    },

    'backup:write': async (input) => {
      const result = await backups.write(input.reason, input.content);
      // In-band, as the contract says: a failed backup must not look like a
      // broken app, the closing screen tells the person and goes on.
      return result.saved ? result : { saved: false, error: { code: result.code, detail: result.detail } };
    },

    'key:get-public': () => withKeyStore(deps.keyStore, (store) => store.publicKey()),
    'key:sign': (input) => withKeyStore(deps.keyStore, async (store) => ({ signature: await store.sign(new Uint8Array(Buffer.from(input.message, 'base64'))) })),

    'backup:write-sealed': async (input) => {
      for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt += 1) {
        const fileName = sealedFileName(input.createdAt);
        const target = path.join(deps.backupsDir, fileName);
        try {
          await mkdir(deps.backupsDir, { recursive: true });
          await writeFileData(target, new TextEncoder().encode(input.content), { overwrite: false });
          return { saved: true, fileName, path: target };
        } catch (error) {
          if (isExistsError(error)) continue;
          return { saved: false, error: { code: bridgeErrorCodes.io, detail: errorMessage(error) } };
        }
      }
      return { saved: false, error: { code: bridgeErrorCodes.io, detail: 'no free name for the sealed file' } };
    },

    'backup:list': async () => {
      try {
        return { dir: deps.backupsDir, backups: await backups.list(100) };
      } catch (error) {
        throw new BridgeFailure(bridgeErrorCodes.io, errorMessage(error));
      }
    },
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The one entry point of both hosts. The caller is not trusted: `channel`
 * and `rawInput` are whatever arrived. Throws a BridgeFailure for an unknown
 * channel ('unknown-channel'), an input failing the channel's schema
 * ('invalid-input', detail naming the field), a handler result failing the
 * output schema ('invalid-output') and any other error ('internal').
 */
export async function dispatch(handlers: Handlers, channel: unknown, rawInput: unknown): Promise<unknown> {
  if (!isChannel(channel)) {
    const shown = typeof channel === 'string' ? JSON.stringify(channel.slice(0, 80)) : typeof channel;
    throw new BridgeFailure(bridgeErrorCodes.unknownChannel, `no channel ${shown}`);
  }
  return dispatchChannel(handlers, channel, rawInput);
}

async function dispatchChannel<C extends Channel>(handlers: Handlers, channel: C, rawInput: unknown): Promise<unknown> {
  const spec = contract[channel];
  const input = spec.input.safeParse(rawInput);
  if (!input.success) throw new BridgeFailure(bridgeErrorCodes.invalidInput, describeIssues(input.error));
  // The mapped type cannot follow C through the lookup; the schema parse
  // above is what guarantees the input matches this handler.
  const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
  let result: unknown;
  try {
    result = await handler(input.data);
  } catch (error) {
    if (error instanceof BridgeFailure) throw error;
    throw new BridgeFailure(bridgeErrorCodes.internal, errorMessage(error));
  }
  const output = spec.output.safeParse(result);
  if (!output.success) throw new BridgeFailure(bridgeErrorCodes.invalidOutput, describeIssues(output.error));
  return output.data;
}

/** Any thrown value as the error the renderer receives. */
export function toBridgeError(error: unknown): BridgeError {
  if (error instanceof BridgeFailure) return { code: error.code, detail: error.detail };
  return { code: bridgeErrorCodes.internal, detail: errorMessage(error) };
}

/** dispatch() as the envelope both hosts send back; never throws. */
export async function dispatchToResponse(handlers: Handlers, channel: unknown, rawInput: unknown): Promise<BridgeResponse> {
  try {
    return { ok: true, result: await dispatch(handlers, channel, rawInput) };
  } catch (error) {
    return { ok: false, error: toBridgeError(error) };
  }
}
