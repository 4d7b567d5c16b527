/**
 * The bridge contract: every request the renderer may make of the host
 * (Electron's main process, or the web-mode Node host), declared once.
 *
 * Both hosts parse inputs with these schemas before acting (the renderer is
 * not trusted) and the renderer parses outputs (the host is a boundary too).
 * Channel names are `area:verb-noun`.
 */
import { z } from 'zod';
import { fileNameProblem, fileNameProblemText } from './file-names';
import { receiptSchema } from './receipt';
import { caeSchema } from './schemas/coop';
import { printerConfigSchema, printerConnectionSchema } from './schemas/printer';

/** A host-side failure the renderer can show as one clear sentence. */
export const bridgeErrorSchema = z.object({
  /** Stable code the renderer translates (e.g. 'unavailable', 'io', 'invalid-input'). */
  code: z.string(),
  /** Technical detail for the log; never the only thing shown. */
  detail: z.string().default(''),
});
export type BridgeError = z.infer<typeof bridgeErrorSchema>;

/**
 * Codes the hosts and the renderer's client produce themselves; handlers may
 * add their own (the schema stays an open string so an older renderer still
 * shows something for a newer host's code).
 */
export const bridgeErrorCodes = {
  /** The channel name is not in this contract. */
  unknownChannel: 'unknown-channel',
  /** The input failed the channel's schema; detail names the field. */
  invalidInput: 'invalid-input',
  /** The host answered something the contract does not allow (a host bug). */
  invalidOutput: 'invalid-output',
  /** The request did not come from Étal's own page (token, origin or sender frame). */
  forbidden: 'forbidden',
  /** The renderer could not reach the host at all: the local service is not running. */
  hostUnreachable: 'host-unreachable',
  /** Reading or writing a file failed. */
  io: 'io',
  /** A file name Windows cannot hold (CON, NUL.txt, a trailing dot or space); detail says which. */
  invalidFileName: 'invalid-file-name',
  /** No printer could be reached (or printing is not available). */
  printerUnavailable: 'printer-unavailable',
  /** Anything else that went wrong inside the host. */
  internal: 'internal',
} as const;

/**
 * What both hosts answer for every request, over IPC and over HTTP alike:
 * errors travel as data because neither structured-clone (IPC, contextBridge)
 * nor JSON keeps an Error's class.
 */
export const bridgeResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: bridgeErrorSchema }),
]);
export type BridgeResponse = z.infer<typeof bridgeResponseSchema>;

const fileName = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/, 'file name must not contain path separators or control characters')
  .refine((n) => n !== '.' && n !== '..')
  .superRefine((n, ctx) => {
    const problem = fileNameProblem(n);
    if (problem) ctx.addIssue({ code: 'custom', message: fileNameProblemText(n, problem) });
  });

export { printerConfigSchema, printerConnectionSchema } from './schemas/printer';
export type { PrinterConfig, PrinterConnection } from './schemas/printer';

/**
 * What a printer channel answers: never a thrown error for a printer problem
 * (the sale is saved; the till says what happened). `error.code` is one of
 * refused, timeout, closed, paper-out, not-found, permission, unsupported, io;
 * `ms` is how long the job took; `warning` is e.g. 'paper-low'.
 */
const printResult = z.object({
  ok: z.boolean(),
  ms: z.number().nonnegative(),
  error: bridgeErrorSchema.optional(),
  warning: z.string().max(40).optional(),
});

/** The co-op header of a test page (optional: a till being set up may not have one yet). */
const testHeader = z.object({ name: caeSchema.shape.name, cae: caeSchema });

export const contract = {
  'app:get-info': {
    input: z.object({}),
    output: z.object({
      name: z.string(),
      version: z.string(),
      mode: z.enum(['electron', 'web']),
      platform: z.string(),
    }),
  },
  'files:save': {
    input: z.object({
      suggestedName: fileName,
      /** Text content (CSV, JSON) or base64 for binary files (PDF, XLSX). */
      content: z.string().max(50_000_000),
      encoding: z.enum(['utf8', 'base64']).default('utf8'),
    }),
    output: z.object({
      saved: z.boolean(),
      /** Where it was written, to tell the user. */
      path: z.string().optional(),
    }),
  },
  /**
   * Desktop only: shows Étal's own exports or backups folder in the OS file
   * manager after a save. Only those two can be named, never a path.
   */
  'files:open-folder': {
    input: z.object({ folder: z.enum(['exports', 'backups']) }),
    output: z.object({ opened: z.boolean(), error: bridgeErrorSchema.optional() }),
  },
  /** A receipt built by shared/receipt.ts; the host lays it out, encodes it to ESC/POS and sends it. */
  'printer:print-receipt': {
    input: z.object({
      printer: printerConfigSchema,
      receipt: receiptSchema,
      openDrawer: z.boolean().default(false),
    }),
    output: printResult,
  },
  'printer:list': {
    input: z.object({}),
    output: z.object({ printers: z.array(z.object({ label: z.string(), connection: printerConnectionSchema })) }),
  },
  'printer:test': { input: z.object({ printer: printerConfigSchema, coop: testHeader.optional() }), output: printResult },
  'printer:open-drawer': { input: z.object({ printer: printerConfigSchema }), output: printResult },
  /**
   * A full backup (shared/backup.ts) written to the rotating backups folder.
   * The host names the file itself and never replaces one; its `createdAt`
   * header must be the host's now. The host then keeps the newest 30 plus one
   * per month of the backups it wrote (electron/files/backups.ts).
   */
  'backup:write': {
    input: z.object({
      reason: z.enum(['closing', 'quit', 'manual', 'before-restore']),
      content: z.string().max(500_000_000),
    }),
    output: z.object({ saved: z.boolean(), name: z.string().optional(), path: z.string().optional(), error: bridgeErrorSchema.optional() }),
  },
  /** The backups the host wrote that are still in the folder, newest first by their date (at most 100), and where the folder is. */
  'backup:list': {
    input: z.object({}),
    output: z.object({
      dir: z.string(),
      backups: z.array(z.object({ name: z.string(), size: z.number().int().nonnegative(), modifiedAt: z.string() })).max(100),
    }),
  },
  /**
   * The till's signing key in the desktop app (electron/keys/custody.ts): the
   * host makes it once, keeps the private half encrypted by the OS key store
   * (Electron safeStorage) and only ever answers the public key or a
   * signature; the private key never crosses the bridge. Web mode has no
   * such host key (the browser keeps a non-extractable CryptoKey instead).
   */
  'key:get-public': {
    input: z.object({}),
    output: z.object({ publicKey: z.string().regex(/^[0-9a-f]{64}$/), created: z.boolean() }),
  },
  'key:sign': {
    input: z.object({ message: z.base64().max(4_000_000) }),
    output: z.object({ signature: z.string().regex(/^[0-9a-f]{128}$/) }),
  },
  /**
   * The entries a rollback replaced, sealed and signed (renderer/db/rollback.ts),
   * written beside the backups under a name the host makes, never overwriting
   * a file and never touched by the backups' rotation.
   */
  'backup:write-sealed': {
    input: z.object({ createdAt: z.iso.datetime(), content: z.string().max(500_000_000) }),
    output: z.object({ saved: z.boolean(), fileName: z.string().optional(), path: z.string().optional(), error: bridgeErrorSchema.optional() }),
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

/** The shape both hosts implement: one object in, one object out. */
export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>>;
};

/** Thrown by a host for an unknown channel or invalid input; carried to the renderer as a BridgeError. */
export class BridgeFailure extends Error {
  constructor(
    readonly code: string,
    readonly detail = '',
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
  }
}
