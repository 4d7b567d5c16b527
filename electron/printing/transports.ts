/**
 * Getting bytes to a printer: TCP port 9100, a device file (USB/parallel on
 * Linux), a serial or Bluetooth port, or the OS spooler.
 *
 * Every path returns a typed result within its time budget and never throws:
 * a sale is already saved when its receipt prints, and the till must tell the
 * person what happened (which printer, what went wrong) within 3 seconds
 * rather than hang on a printer that is off, unplugged or out of paper.
 */
import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { lstat, open, readdir, realpath, type FileHandle } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { PrinterConnection } from '../../shared/contract';

export type PrintErrorCode =
  | 'refused'
  | 'timeout'
  | 'closed'
  | 'not-found'
  | 'permission'
  | 'unsupported'
  | 'io'
  /** The path is not a printer or serial port (a file, a link to one, /dev/fd/N…): nothing was written. */
  | 'not-a-printer'
  /** The printer said so (network status reply); the job may print once paper is loaded. */
  | 'paper-out';

export type PrintError = { code: PrintErrorCode; detail: string };

export type SendResult =
  | { ok: true; ms: number; warning?: 'paper-low' }
  | { ok: false; ms: number; error: PrintError };

export type TransportOptions = {
  /** Whole job, connect included. Default 2500 ms: the answer reaches the screen within 3 s. */
  timeoutMs?: number;
  /** Network only. Default 2000 ms. */
  connectTimeoutMs?: number;
  /**
   * Tests only: the resolved paths allowed instead of the platform's printer
   * and serial port names (a test's pseudo-terminal is /dev/pts/N). The
   * character-device check still applies.
   */
  devicePatterns?: readonly RegExp[];
  /** The spooler command (tests use a stand-in). Default `lp`. */
  lpCommand?: string;
  platform?: NodeJS.Platform;
};

const DEFAULT_TIMEOUT_MS = 2500;
const DEFAULT_CONNECT_TIMEOUT_MS = 2000;
const RETRY_MS = 15;

/**
 * DLE EOT 4, roll paper sensor status: a real-time command the printer
 * answers with one byte as soon as it has read up to it. Appended to network
 * jobs, the answer proves the printer took the whole job (the kernel acks
 * bytes whether or not the printer reads them) and tells if paper is out.
 */
const STATUS_QUERY = Uint8Array.of(0x10, 0x04, 0x04);

const fail = (code: PrintErrorCode, detail: string, started: number): SendResult => ({
  ok: false,
  ms: Math.round(performance.now() - started),
  error: { code, detail },
});

function errnoCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Node's errno codes to what the person can act on. */
export function classifyError(error: unknown): PrintError {
  const code = errnoCode(error);
  const detail = message(error);
  switch (code) {
    case 'ECONNREFUSED':
      return { code: 'refused', detail };
    case 'ETIMEDOUT':
      return { code: 'timeout', detail };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return { code: 'closed', detail };
    case 'ENOENT':
    case 'ENXIO':
    case 'ENODEV':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'EADDRNOTAVAIL':
      return { code: 'not-found', detail };
    case 'EACCES':
    case 'EPERM':
      return { code: 'permission', detail };
    default:
      return { code: 'io', detail: code ? `${code}: ${detail}` : detail };
  }
}

// ---------------------------------------------------------------------------
// Network (raw TCP, port 9100)

/** Bits 5–6 of the DLE EOT 4 answer: paper end; bits 2–3: paper near end. */
function readStatus(byte: number): { paperOut: boolean; paperLow: boolean } | null {
  if ((byte & 0x93) !== 0x12) return null;
  return { paperOut: (byte & 0x60) !== 0, paperLow: (byte & 0x0c) !== 0 };
}

export function sendNetwork(
  host: string,
  port: number,
  bytes: Uint8Array,
  options: TransportOptions = {},
): Promise<SendResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, timeoutMs);
  const where = `${host}:${port}`;
  return new Promise((resolve) => {
    let settled = false;
    let connected = false;
    let flushed = false;
    const socket = new net.Socket();
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(overallTimer);
      socket.destroy();
      resolve(result);
    };
    const connectTimer = setTimeout(() => {
      if (!connected) finish(fail('timeout', `no answer from ${where} within ${connectTimeoutMs} ms`, started));
    }, connectTimeoutMs);
    const overallTimer = setTimeout(() => {
      finish(
        fail(
          'timeout',
          flushed
            ? `${where} accepted the job but did not confirm it within ${timeoutMs} ms (out of paper, cover open or busy?)`
            : `${where} stopped taking data`,
          started,
        ),
      );
    }, timeoutMs);

    // Done when the whole job is in the kernel's hands AND the printer has answered the query behind it.
    let answer: { paperOut: boolean; paperLow: boolean } | undefined;
    const conclude = () => {
      if (!flushed || !answer) return;
      const ms = Math.round(performance.now() - started);
      if (answer.paperOut) finish(fail('paper-out', `${where} reports no paper`, started));
      else finish(answer.paperLow ? { ok: true, ms, warning: 'paper-low' } : { ok: true, ms });
    };

    socket.setNoDelay(true);
    socket.on('connect', () => {
      connected = true;
      clearTimeout(connectTimer);
      const job = new Uint8Array(bytes.length + STATUS_QUERY.length);
      job.set(bytes);
      job.set(STATUS_QUERY, bytes.length);
      socket.write(job, (error) => {
        if (error) {
          finish({ ok: false, ms: Math.round(performance.now() - started), error: classifyError(error) });
          return;
        }
        flushed = true;
        conclude();
      });
      // Half-close: printers that ignore the status query take FIN as "end of job" and close.
      socket.end();
    });
    socket.on('data', (chunk: Buffer) => {
      // Only a byte shaped like the DLE EOT 4 answer counts: a printer with automatic status
      // back (ASB) may talk first, and taking that for "done" would cut the job short.
      answer = [...chunk].map(readStatus).findLast((s) => s !== null) ?? answer;
      conclude();
    });
    socket.on('error', (error) => finish({ ok: false, ms: Math.round(performance.now() - started), error: classifyError(error) }));
    socket.on('close', () => {
      // A printer that closes after reading our FIN took the whole job; one that closes before is a failure.
      const ms = Math.round(performance.now() - started);
      finish(flushed ? { ok: true, ms } : fail('closed', `${where} closed the connection before taking the whole job`, started));
    });
    socket.connect({ host, port });
  });
}

// ---------------------------------------------------------------------------
// Device files and serial ports

/**
 * The printer and serial port names a device path may resolve to. The
 * renderer chooses the path, so anything wider would let a compromised page
 * make the main process write ESC/POS bytes into any file it can open (the
 * till's own IndexedDB files; as root, disks).
 */
const PORT_NAMES: Readonly<Record<'linux' | 'darwin', readonly RegExp[]>> = {
  linux: [/^\/dev\/usb\/lp\d+$/, /^\/dev\/lp\d+$/, /^\/dev\/ttyS\d+$/, /^\/dev\/ttyUSB\d+$/, /^\/dev\/ttyACM\d+$/, /^\/dev\/rfcomm\d+$/],
  darwin: [/^\/dev\/cu\.[A-Za-z0-9._-]+$/, /^\/dev\/tty\.[A-Za-z0-9._-]+$/],
};

const WINDOWS_PORT = /^(?:\\\\\.\\)?(COM\d{1,3})$/i;

export type DeviceCheck = { ok: true; path: string } | { ok: false; error: PrintError };

const refuse = (code: PrintErrorCode, detail: string): DeviceCheck => ({ ok: false, error: { code, detail } });

/** True when `resolved` (a real path, links followed) names a printer or serial port of this platform. */
export function isPortName(resolved: string, platform: NodeJS.Platform, patterns?: readonly RegExp[]): boolean {
  if (platform === 'win32') return WINDOWS_PORT.test(resolved);
  return (patterns ?? PORT_NAMES[platform === 'darwin' ? 'darwin' : 'linux']).some((p) => p.test(resolved));
}

/**
 * The path to open, checked where it really leads: links resolved
 * (/dev/serial/by-id/… is fine, a link in /dev/shm to a file is not), the
 * real path a printer or serial port name, and a character device. Windows
 * COM ports live in the device namespace and have no real path to follow.
 */
export async function checkDevicePath(devicePath: string, platform: NodeJS.Platform, patterns?: readonly RegExp[]): Promise<DeviceCheck> {
  const expected = platform === 'win32' ? 'COMn' : platform === 'darwin' ? '/dev/cu.… or /dev/tty.…' : '/dev/usb/lp…, /dev/lp…, /dev/ttyS…, /dev/ttyUSB…, /dev/ttyACM… or /dev/rfcomm…';
  if (platform === 'win32') {
    const match = WINDOWS_PORT.exec(devicePath);
    return match?.[1] ? { ok: true, path: `\\\\.\\${match[1].toUpperCase()}` } : refuse('not-a-printer', `${devicePath} is not a printer port (expected ${expected})`);
  }
  if (!path.isAbsolute(devicePath)) return refuse('not-a-printer', `${devicePath} is not a printer port (expected ${expected})`);
  let resolved: string;
  try {
    resolved = await realpath(devicePath);
  } catch (error) {
    // A printer's name that leads nowhere is a printer unplugged (its device file, or its
    // /dev/serial/by-id link, is gone); anything else is not a printer at all.
    const portShaped = isPortName(devicePath, platform, patterns) || devicePath.startsWith('/dev/serial/');
    return portShaped ? { ok: false, error: classifyError(error) } : refuse('not-a-printer', `${devicePath} is not a printer port (expected ${expected})`);
  }
  if (!isPortName(resolved, platform, patterns)) {
    return refuse('not-a-printer', `${devicePath}${resolved === devicePath ? '' : ` (${resolved})`} is not a printer port (expected ${expected})`);
  }
  try {
    if (!(await lstat(resolved)).isCharacterDevice()) return refuse('not-a-printer', `${resolved} is not a device`);
  } catch (error) {
    return { ok: false, error: classifyError(error) };
  }
  return { ok: true, path: resolved };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Deadline = { at: number };

/** Resolves to `null` at the deadline; the late promise is left to settle on its own. */
async function beforeDeadline<T>(promise: Promise<T>, deadline: Deadline, onLate: (value: T) => void): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      late = true;
      resolve(null);
    }, Math.max(0, deadline.at - performance.now()));
  });
  void promise.then(
    (value) => {
      if (late) onLate(value);
    },
    () => undefined,
  );
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const closeQuietly = (handle: FileHandle) => {
  handle.close().catch(() => undefined);
};

/**
 * Opened non-blocking: a USB printer that is off or out of paper makes a
 * blocking write() wait forever inside libuv's small thread pool, where it
 * cannot be cancelled and would starve every other file operation of the
 * app. Non-blocking, the kernel answers EAGAIN and we retry until the
 * deadline. (Windows has no O_NONBLOCK: there a stuck write is abandoned at
 * the deadline, and its thread stays busy until the port gives up.)
 */
export async function sendDevice(devicePath: string, bytes: Uint8Array, options: TransportOptions = {}): Promise<SendResult> {
  const started = performance.now();
  const platform = options.platform ?? process.platform;
  const deadline = { at: started + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) };
  const check = await checkDevicePath(devicePath, platform, options.devicePatterns);
  if (!check.ok) return fail(check.error.code, check.error.detail, started);
  // O_NOFOLLOW: a link swapped in at the resolved path after the check is not followed.
  const flags = fsConstants.O_WRONLY | (fsConstants.O_NONBLOCK ?? 0) | (fsConstants.O_NOCTTY ?? 0) | (fsConstants.O_NOFOLLOW ?? 0);
  let handle: FileHandle | null;
  try {
    handle = await beforeDeadline(open(check.path, flags), deadline, closeQuietly);
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: classifyError(error) };
  }
  if (!handle) return fail('timeout', `${devicePath} did not open`, started);
  let offset = 0;
  try {
    // What was opened, not what the name said a moment ago: a file swapped in is never written.
    if (platform !== 'win32' && !(await handle.stat()).isCharacterDevice()) return fail('not-a-printer', `${check.path} is not a device`, started);
    while (offset < bytes.length) {
      if (performance.now() >= deadline.at) {
        return fail('timeout', `${devicePath} took ${offset} of ${bytes.length} bytes (printer off, busy or out of paper?)`, started);
      }
      try {
        const written = await beforeDeadline(handle.write(bytes, offset, bytes.length - offset), deadline, () => undefined);
        if (!written) return fail('timeout', `${devicePath} stopped taking data`, started);
        offset += written.bytesWritten;
      } catch (error) {
        const code = errnoCode(error);
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') throw error;
        await sleep(RETRY_MS);
      }
    }
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: classifyError(error) };
  } finally {
    closeQuietly(handle);
  }
}

type RunResult = { code: number | null; stdout: string; stderr: string; error?: unknown; timedOut: boolean };

/** Runs a command without a shell, feeding `input`, killed at the timeout. */
function run(command: string, args: readonly string[], input: Uint8Array | null, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const done = (result: Omit<RunResult, 'stdout' | 'stderr' | 'timedOut'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, stdout, stderr, timedOut });
    };
    const child = spawn(command, args, { shell: false, windowsHide: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
      done({ code: null });
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    // EPIPE when the command exits without reading: its exit code tells why.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => done({ code: null, error }));
    child.on('close', (code) => done({ code }));
    child.stdin.end(input ?? undefined);
  });
}

/**
 * The port's speed is a property of the OS device, not of the bytes: set it
 * with `stty` (Linux, macOS) or `mode` (Windows) before writing, best effort
 * (a Bluetooth rfcomm port ignores it; a missing `stty` leaves the OS's).
 */
async function setBaudRate(port: string, baudRate: number, platform: NodeJS.Platform, timeoutMs: number): Promise<void> {
  if (platform === 'win32') {
    const name = port.replace(/^\\\\\.\\/, '');
    await run('mode', [`${name}:`, `BAUD=${baudRate}`, 'PARITY=N', 'DATA=8', 'STOP=1'], null, timeoutMs);
  } else if (platform === 'linux' || platform === 'darwin') {
    await run('stty', [platform === 'linux' ? '-F' : '-f', port, String(baudRate), 'raw', '-echo'], null, timeoutMs);
  }
}

export async function sendSerial(portPath: string, baudRate: number, bytes: Uint8Array, options: TransportOptions = {}): Promise<SendResult> {
  const started = performance.now();
  const platform = options.platform ?? process.platform;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const check = await checkDevicePath(portPath, platform, options.devicePatterns);
  if (!check.ok) return fail(check.error.code, check.error.detail, started);
  await setBaudRate(check.path, baudRate, platform, Math.min(800, timeoutMs / 3));
  const remaining = Math.max(1, timeoutMs - (performance.now() - started));
  const result = await sendDevice(portPath, bytes, { ...options, timeoutMs: remaining });
  return { ...result, ms: Math.round(performance.now() - started) };
}

// ---------------------------------------------------------------------------
// OS spooler

/** CUPS queue names: no spaces, slashes or '#'; we also refuse a leading '-' (it would read as an option). */
const QUEUE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.@+-]{0,126}$/;

/**
 * A raw job through CUPS (`lp -o raw`): the driver is bypassed, the ESC/POS
 * bytes reach the printer unchanged. Success means the spooler took the job,
 * not that it printed: the spooler owns it from there.
 */
export async function sendOs(queue: string, bytes: Uint8Array, options: TransportOptions = {}): Promise<SendResult> {
  const started = performance.now();
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') {
    // Receipts reach Windows printers as pages (print.ts, printPage); only raw commands such as the drawer kick end here.
    return fail('unsupported', 'a printer installed in Windows takes pages, not printer commands (the drawer cannot be opened through it): use a network, serial or USB connection for the drawer', started);
  }
  if (!QUEUE_NAME.test(queue)) return fail('not-found', `"${queue}" is not a valid printer queue name`, started);
  const result = await run(options.lpCommand ?? 'lp', ['-d', queue, '-o', 'raw', '-t', 'Etal'], bytes, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (result.timedOut) return fail('timeout', `the print spooler did not answer for ${queue}`, started);
  if (result.error) {
    return errnoCode(result.error) === 'ENOENT'
      ? fail('unsupported', 'no print spooler (lp) on this computer: install CUPS', started)
      : { ok: false, ms: Math.round(performance.now() - started), error: classifyError(result.error) };
  }
  if (result.code === 0) return { ok: true, ms: Math.round(performance.now() - started) };
  const detail = (result.stderr || result.stdout).trim() || `lp exited with ${String(result.code)}`;
  if (/does not exist|unknown destination|not found/i.test(detail)) return fail('not-found', detail, started);
  if (/forbidden|not authori[sz]ed|permission/i.test(detail)) return fail('permission', detail, started);
  return fail('io', detail, started);
}

// ---------------------------------------------------------------------------

export function sendToPrinter(connection: PrinterConnection, bytes: Uint8Array, options: TransportOptions = {}): Promise<SendResult> {
  const started = performance.now();
  try {
    switch (connection.kind) {
      case 'network':
        return sendNetwork(connection.host, connection.port, bytes, options);
      case 'device':
        return sendDevice(connection.path, bytes, options);
      case 'serial':
        return sendSerial(connection.path, connection.baudRate, bytes, options);
      case 'os':
        return sendOs(connection.name, bytes, options);
    }
  } catch (error) {
    // Only a programming error gets here (the transports catch their own); still an answer, not a throw.
    return Promise.resolve(fail('io', message(error), started));
  }
}

// ---------------------------------------------------------------------------
// Detection

export type DetectedPrinter = { label: string; connection: PrinterConnection };

async function entries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  } catch {
    return [];
  }
}

/**
 * What the platform can list without native modules: Linux USB printer
 * device files and serial/Bluetooth ports, macOS call-out serial ports, and
 * CUPS queues; on Windows, the printers installed in the system (Electron's
 * getPrintersAsync, passed in as `osPrinters`). Labels are the paths and queue
 * names themselves (the UI words them in the user's language).
 */
export async function listPrinters(
  options: { platform?: NodeJS.Platform; devDir?: string; lpstatCommand?: string; osPrinters?: () => Promise<{ name: string; displayName?: string }[]> } = {},
): Promise<DetectedPrinter[]> {
  const platform = options.platform ?? process.platform;
  const dev = options.devDir ?? '/dev';
  const found: DetectedPrinter[] = [];
  if (platform === 'linux') {
    for (const name of await entries(path.join(dev, 'usb'))) {
      if (/^lp\d+$/.test(name)) found.push({ label: path.join(dev, 'usb', name), connection: { kind: 'device', path: path.join(dev, 'usb', name) } });
    }
    for (const name of await entries(dev)) {
      if (/^(lp|ttyUSB|ttyACM|rfcomm)\d+$/.test(name)) {
        const p = path.join(dev, name);
        found.push(
          name.startsWith('lp')
            ? { label: p, connection: { kind: 'device', path: p } }
            : { label: p, connection: { kind: 'serial', path: p, baudRate: 9600 } },
        );
      }
    }
  } else if (platform === 'darwin') {
    for (const name of await entries(dev)) {
      if (name.startsWith('cu.') && !/Bluetooth-Incoming-Port|debug-console/.test(name)) {
        const p = path.join(dev, name);
        found.push({ label: p, connection: { kind: 'serial', path: p, baudRate: 9600 } });
      }
    }
  }
  if (platform === 'linux' || platform === 'darwin') {
    const result = await run(options.lpstatCommand ?? 'lpstat', ['-e'], null, 1500);
    if (result.code === 0) {
      for (const queue of result.stdout.split('\n').map((l) => l.trim())) {
        if (QUEUE_NAME.test(queue)) found.push({ label: queue, connection: { kind: 'os', name: queue } });
      }
    }
  }
  if (platform === 'win32' && options.osPrinters) {
    for (const printer of await options.osPrinters()) {
      if (printer.name.trim()) found.push({ label: printer.displayName || printer.name, connection: { kind: 'os', name: printer.name } });
    }
  }
  return found;
}
