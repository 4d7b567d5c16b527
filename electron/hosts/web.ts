/**
 * Web mode: the built renderer and the bridge over HTTP, for a browser on the
 * same machine (tests, a till without the Electron binary).
 *
 * Who may call the bridge: only Étal's own page. Other local web pages are
 * kept out by three checks: the Host header (DNS rebinding: evil.example
 * resolving to 127.0.0.1 would otherwise be same-origin with us), the Origin
 * header, and a per-run token that only a page served by this process can
 * read.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { bridgeErrorCodes, type BridgeResponse, type Handlers } from '../../shared/contract';
import { dispatchToResponse } from '../handlers';
import { SECURITY_HEADERS } from '../security';
import { readRendererFile } from '../static-files';

export type WebHostOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only: the bridge writes files, it must not face the network. */
  host?: '127.0.0.1' | '::1';
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  handlers: Handlers;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
};

export type WebHost = {
  /** e.g. http://127.0.0.1:5178/ */
  url: string;
  port: number;
  token: string;
  close: () => Promise<void>;
};

export const BRIDGE_PATH_PREFIX = '/bridge/';
export const TOKEN_HEADER = 'x-etal-token';
/** files:save carries up to 50 M characters plus JSON escaping. */
export const DEFAULT_MAX_BODY_BYTES = 60 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  [bridgeErrorCodes.invalidInput]: 400,
  [bridgeErrorCodes.forbidden]: 403,
  [bridgeErrorCodes.unknownChannel]: 404,
};

function sendJson(res: ServerResponse, status: number, body: BridgeResponse): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(payload.length),
    'Cache-Control': 'no-store',
  });
  res.end(payload);
}

function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { ok: false, error: { code: error.code, detail: error.message } });
}

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // Constant time so the token cannot be guessed byte by byte.
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new HttpError(413, 'payload-too-large', `body over ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, 'payload-too-large', `body over ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== '::1') throw new Error(`the web host binds to loopback only, not ${String(host)}`);
  const token = options.token ?? randomBytes(32).toString('base64url');
  // A guessable token would open the bridge to any page that can reach us.
  if (token.length < 16) throw new Error('the bridge token must be at least 16 characters');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // Filled in once listening: the port may have been 0.
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  async function handleBridge(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'POST') throw new HttpError(405, 'method-not-allowed', 'the bridge only accepts POST');
    const origin = req.headers.origin;
    // Browsers send Origin with every POST; tools like curl do not, and they
    // still need the token.
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      throw new HttpError(403, bridgeErrorCodes.forbidden, 'request from another origin');
    }
    if (!sameToken(req.headers[TOKEN_HEADER], token)) {
      throw new HttpError(403, bridgeErrorCodes.forbidden, 'missing or wrong bridge token');
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType !== 'application/json') {
      throw new HttpError(415, 'unsupported-media-type', 'the bridge only accepts application/json');
    }
    let channel: string;
    try {
      channel = decodeURIComponent(pathname.slice(BRIDGE_PATH_PREFIX.length));
    } catch {
      throw new HttpError(404, bridgeErrorCodes.unknownChannel, 'malformed channel name');
    }
    const body = await readBody(req, maxBodyBytes);
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpError(400, 'invalid-json', 'the body is not JSON');
    }
    const response = await dispatchToResponse(options.handlers, channel, input);
    sendJson(res, response.ok ? 200 : (STATUS_BY_CODE[response.error.code] ?? 500), response);
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpError(405, 'method-not-allowed', 'only GET and HEAD are served');
    }
    const file = await readRendererFile(options.rendererDir, pathname, token);
    res.writeHead(file.status, { ...file.headers, 'Content-Length': String(file.body.length) });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      throw new HttpError(403, bridgeErrorCodes.forbidden, 'unexpected Host header');
    }
    let pathname: string;
    try {
      // The raw path may hold '..' segments: the URL parser folds them, and
      // rendererFileFor checks the decoded result again.
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      throw new HttpError(400, 'bad-request', 'malformed URL');
    }
    if (pathname.startsWith(BRIDGE_PATH_PREFIX)) await handleBridge(req, res, pathname);
    else await handleStatic(req, res, pathname);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const httpError =
        error instanceof HttpError
          ? error
          : new HttpError(500, bridgeErrorCodes.internal, error instanceof Error ? error.message : String(error));
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // An unread oversized body would otherwise keep the socket busy.
      if (httpError.status === 413) res.setHeader('Connection', 'close');
      sendError(res, httpError);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  const ownHost = host === '::1' ? `[::1]:${port}` : `127.0.0.1:${port}`;
  // 'localhost' is the same machine and what people type.
  allowedHosts = new Set([ownHost, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));

  return {
    url: `http://${ownHost}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections from a browser would hold close() open.
        server.closeAllConnections();
      }),
  };
}
