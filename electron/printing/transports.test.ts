import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakePrinter, type FakePrinter } from '../../test/fixtures/fake-printer';
import { checkDevicePath, classifyError, isPortName, listPrinters, sendToPrinter, type SendResult } from './transports';

/** The user must hear back within 3 s; a loose bound keeps slow CI machines green. */
const BUDGET_MS = 3500;
const job = Uint8Array.from(Buffer.from('\x1b@Bonjour\n', 'latin1'));
const STATUS_QUERY = [0x10, 0x04, 0x04];

async function timed(send: () => Promise<SendResult>): Promise<SendResult & { elapsed: number }> {
  const started = performance.now();
  const result = await send();
  return { ...result, elapsed: performance.now() - started };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

describe('network printer (TCP 9100)', () => {
  let printer: FakePrinter | undefined;
  afterEach(async () => {
    await printer?.close();
    printer = undefined;
  });
  const to = (p: FakePrinter) => ({ kind: 'network' as const, host: '127.0.0.1', port: p.port });

  it('sends the job and takes the status answer as confirmation', async () => {
    printer = await startFakePrinter();
    const received = printer.nextJob();
    const result = await timed(() => sendToPrinter(to(printer!), job));
    expect(result).toMatchObject({ ok: true });
    expect([...(await received)]).toEqual([...job, ...STATUS_QUERY]);
    expect(result.elapsed).toBeLessThan(500);
  });

  it('accepts a printer that ignores the status query but closes at the end of the job', async () => {
    printer = await startFakePrinter({ kind: 'normal', silent: true });
    expect(await sendToPrinter(to(printer), job)).toMatchObject({ ok: true });
  });

  it('does not take an automatic status packet sent on connect for the end of the job', async () => {
    printer = await startFakePrinter({ kind: 'normal', silent: true, greeting: Uint8Array.of(0x10, 0x00, 0x00, 0x00) });
    const received = printer.nextJob();
    const big = new Uint8Array(256 * 1024).fill(0x41);
    expect(await sendToPrinter(to(printer), big)).toMatchObject({ ok: true });
    expect((await received).length).toBe(big.length + STATUS_QUERY.length);
  });

  it('reports paper out, and warns when paper runs low', async () => {
    printer = await startFakePrinter({ kind: 'normal', status: 0x72 });
    expect(await sendToPrinter(to(printer), job)).toMatchObject({ ok: false, error: { code: 'paper-out' } });
    await printer.close();
    printer = await startFakePrinter({ kind: 'normal', status: 0x1e });
    expect(await sendToPrinter(to(printer), job)).toMatchObject({ ok: true, warning: 'paper-low' });
  });

  it('reports a refused connection at once', async () => {
    const result = await timed(async () => sendToPrinter({ kind: 'network', host: '127.0.0.1', port: await freePort() }, job));
    expect(result).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(result.elapsed).toBeLessThan(BUDGET_MS);
  });

  it('times out on a printer that accepts and then stalls', async () => {
    printer = await startFakePrinter({ kind: 'stall' });
    const result = await timed(() => sendToPrinter(to(printer!), job));
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(result.ok ? '' : result.error.detail).toMatch(/did not confirm/);
    expect(result.elapsed).toBeGreaterThan(2000);
    expect(result.elapsed).toBeLessThan(BUDGET_MS);
  });

  it('times out when a stalled printer cannot even take the whole job', async () => {
    printer = await startFakePrinter({ kind: 'stall' });
    const big = new Uint8Array(16 * 1024 * 1024).fill(0x41);
    const result = await timed(() => sendToPrinter(to(printer!), big, { timeoutMs: 1000 }));
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout', detail: expect.stringMatching(/stopped taking data/) as unknown } });
    expect(result.elapsed).toBeLessThan(1500);
  });

  it('reports a printer that closes mid-job', async () => {
    printer = await startFakePrinter({ kind: 'close-mid-job', afterBytes: 1000 });
    const result = await timed(() => sendToPrinter(to(printer!), new Uint8Array(64 * 1024).fill(0x41)));
    expect(result).toMatchObject({ ok: false, error: { code: 'closed' } });
    expect(result.elapsed).toBeLessThan(BUDGET_MS);
  });

  it('gives up on an unreachable host within its connect timeout', async () => {
    // 192.0.2.0/24 is reserved for documentation. On an open network nothing answers (the connect
    // timer fires); a firewall may reject it at once instead. Either way: an answer, quickly.
    const result = await timed(() => sendToPrinter({ kind: 'network', host: '192.0.2.1', port: 9100 }, job, { connectTimeoutMs: 500 }));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.code).toMatch(/^(timeout|not-found|refused)$/);
    expect(result.elapsed).toBeLessThan(1500);
  });
});

/**
 * A pseudo-terminal stands in for a USB or serial printer: a real character
 * device (/dev/pts/N) in raw mode, its other end held by a small Python
 * script that either reads `expect` bytes and prints them in hex, or never
 * reads (a printer out of paper).
 */
type Pty = { path: string; received: () => Promise<number[]>; close: () => void };

const PTY_SCRIPT = `
import os, select, sys, time, tty
m, s = os.openpty()
tty.setraw(s)
print(os.ttyname(s), flush=True)
want = int(sys.argv[1])
if want < 0:
    sys.stdin.read()
else:
    data, end = b'', time.time() + 5
    while len(data) < want and time.time() < end:
        r, _, _ = select.select([m], [], [], 0.1)
        if r: data += os.read(m, 65536)
    print(data.hex(), flush=True)
`;

function openPty(expect: number): Promise<Pty> {
  const child = spawn('python3', ['-c', PTY_SCRIPT, String(expect)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
    waiters.splice(0).forEach((w) => w());
  });
  const line = (n: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('pseudo-terminal helper did not answer')), 8000);
      const check = () => {
        if (lines.length > n) {
          clearTimeout(timer);
          resolve(lines[n] ?? '');
        } else waiters.push(check);
      };
      check();
    });
  return line(0).then((ptyPath) => ({
    path: ptyPath,
    received: async () => [...Buffer.from(await line(1), 'hex')],
    close: () => child.kill(),
  }));
}

const PTS = [/^\/dev\/pts\/\d+$/];

describe.runIf(process.platform === 'linux')('device files and serial ports', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'etal-dev-'));
  const shm = mkdtempSync('/dev/shm/etal-');
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(shm, { recursive: true, force: true });
  });

  it('writes the job to a character device, also through a link to it (as /dev/serial/by-id/… are)', async () => {
    const pty = await openPty(job.length * 2);
    try {
      expect(await sendToPrinter({ kind: 'device', path: pty.path }, job, { devicePatterns: PTS })).toMatchObject({ ok: true });
      const link = path.join(shm, 'by-id-printer');
      symlinkSync(pty.path, link);
      expect(await sendToPrinter({ kind: 'device', path: link }, job, { devicePatterns: PTS })).toMatchObject({ ok: true });
      expect(await pty.received()).toEqual([...job, ...job]);
    } finally {
      pty.close();
    }
  });

  it('refuses a /dev/shm link, /dev/fd/N and a regular file as printers, with one sentence, and writes nothing', async () => {
    const target = path.join(dir, 'IndexedDB-000003.log');
    writeFileSync(target, 'keep');
    const link = path.join(shm, 'ttyUSB0');
    symlinkSync(target, link);
    const fd = openSync(target, 'r');
    try {
      for (const p of [link, `/dev/fd/${fd}`, '/dev/fd/3', target, `${dir}/../${path.basename(dir)}/IndexedDB-000003.log`, 'lp0']) {
        const result = await sendToPrinter({ kind: 'device', path: p }, job);
        expect(result, p).toMatchObject({ ok: false, error: { code: 'not-a-printer' } });
        expect(await sendToPrinter({ kind: 'serial', path: p, baudRate: 9600 }, job), p).toMatchObject({ ok: false, error: { code: 'not-a-printer' } });
      }
      // Even where a test allows any name, a file is not a device; nor is a pipe or /dev/null under a printer's name.
      expect(await sendToPrinter({ kind: 'device', path: link }, job, { devicePatterns: [/./] })).toMatchObject({ ok: false, error: { code: 'not-a-printer' } });
      const fifo = path.join(dir, 'lp0');
      execFileSync('mkfifo', [fifo]);
      expect(await sendToPrinter({ kind: 'device', path: fifo }, job, { devicePatterns: [/./] })).toMatchObject({ ok: false, error: { code: 'not-a-printer' } });
      const nullLink = path.join(shm, 'lp1');
      symlinkSync('/dev/null', nullLink);
      const toNull = await sendToPrinter({ kind: 'device', path: nullLink }, job);
      expect(toNull).toMatchObject({ ok: false, error: { code: 'not-a-printer' } });
      expect(toNull.ok ? '' : toNull.error.detail).toContain('(/dev/null)');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(target, 'utf8')).toBe('keep');
  });

  it('reports a missing device (printer unplugged)', async () => {
    expect(await sendToPrinter({ kind: 'device', path: '/dev/usb/lp97' }, job)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(classifyError(Object.assign(new Error('no device'), { code: 'ENXIO' }))).toMatchObject({ code: 'not-found' });
  });

  it('times out on a device that stops taking data, without blocking a thread', async () => {
    const pty = await openPty(-1);
    try {
      const result = await timed(() => sendToPrinter({ kind: 'device', path: pty.path }, new Uint8Array(1024 * 1024), { devicePatterns: PTS, timeoutMs: 1000 }));
      expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
      expect(result.elapsed).toBeLessThan(1500);
    } finally {
      pty.close();
    }
  });

  it('writes to a serial port, setting its speed', async () => {
    const pty = await openPty(job.length);
    try {
      expect(await sendToPrinter({ kind: 'serial', path: pty.path, baudRate: 19200 }, job, { devicePatterns: PTS })).toMatchObject({ ok: true });
      expect(await pty.received()).toEqual([...job]);
    } finally {
      pty.close();
    }
  });

  it('maps permission errors for the person to act on', () => {
    // Tests run as root here, so EACCES cannot be provoked on a real file.
    expect(classifyError(Object.assign(new Error('denied'), { code: 'EACCES' }))).toMatchObject({ code: 'permission' });
    expect(classifyError(Object.assign(new Error('busy'), { code: 'EBUSY' }))).toMatchObject({ code: 'io' });
  });
});

describe('printer port names', () => {
  it('accepts only COM ports on Windows', async () => {
    await expect(checkDevicePath('COM3', 'win32')).resolves.toEqual({ ok: true, path: '\\\\.\\COM3' });
    await expect(checkDevicePath('\\\\.\\com12', 'win32')).resolves.toEqual({ ok: true, path: '\\\\.\\COM12' });
    for (const p of ['C:\\Users\\x\\file', '/dev/usb/lp0', 'LPT1', 'NUL', '\\\\.\\PhysicalDrive0']) {
      await expect(checkDevicePath(p, 'win32')).resolves.toMatchObject({ ok: false, error: { code: 'not-a-printer' } });
    }
  });

  it('allows the printer and serial names of each system, on the real path', () => {
    for (const p of ['/dev/usb/lp0', '/dev/lp1', '/dev/ttyS0', '/dev/ttyUSB12', '/dev/ttyACM0', '/dev/rfcomm3']) expect(isPortName(p, 'linux'), p).toBe(true);
    for (const p of ['/dev/null', '/dev/sda', '/dev/shm/lp0', '/dev/fd/3', '/dev/tty', '/dev/pts/0', '/dev/usb/lp0/../../sda', '/dev/cu.usbserial']) expect(isPortName(p, 'linux'), p).toBe(false);
    for (const p of ['/dev/cu.usbserial-1410', '/dev/tty.Bluetooth-POS']) expect(isPortName(p, 'darwin'), p).toBe(true);
    for (const p of ['/dev/tty', '/dev/disk0', '/dev/ttyUSB0']) expect(isPortName(p, 'darwin'), p).toBe(false);
  });
});

describe.runIf(process.platform !== 'win32')('OS printer (CUPS lp -o raw)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'etal-lp-'));
  const script = (name: string, body: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
  };
  let okLp = '';
  beforeAll(() => {
    okLp = script('lp-ok', `echo "$@" > "${dir}/args"; cat > "${dir}/job"; echo "request id is $2-1 (1 file(s))"`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hands the raw job to the spooler on stdin, without a shell', async () => {
    expect(await sendToPrinter({ kind: 'os', name: 'EPSON_TM-T20' }, job, { lpCommand: okLp })).toMatchObject({ ok: true });
    expect(readFileSync(path.join(dir, 'args'), 'utf8').trim()).toBe('-d EPSON_TM-T20 -o raw -t Etal');
    expect([...readFileSync(path.join(dir, 'job'))]).toEqual([...job]);
  });

  it('refuses queue names that are not CUPS names, before running anything', async () => {
    for (const name of ['-o evil', 'a b', 'x;rm -rf /', 'q/../x', '']) {
      expect(await sendToPrinter({ kind: 'os', name }, job, { lpCommand: okLp })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
  });

  it('reports an unknown queue, a stuck spooler and a missing lp', async () => {
    const unknown = script('lp-unknown', `cat > /dev/null; echo "lp: The printer or class does not exist." >&2; exit 1`);
    expect(await sendToPrinter({ kind: 'os', name: 'Nope' }, job, { lpCommand: unknown })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const stuck = script('lp-stuck', 'exec sleep 30');
    const result = await timed(() => sendToPrinter({ kind: 'os', name: 'Q' }, job, { lpCommand: stuck, timeoutMs: 500 }));
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(result.elapsed).toBeLessThan(1500);
    expect(await sendToPrinter({ kind: 'os', name: 'Q' }, job, { lpCommand: path.join(dir, 'no-such-lp') })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
  });

  it('refuses raw commands (a drawer kick) to a Windows driver printer, saying which connections can', async () => {
    expect(await sendToPrinter({ kind: 'os', name: 'EPSON' }, job, { platform: 'win32' })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('lists device files, serial ports and CUPS queues', async () => {
    const dev = path.join(dir, 'dev');
    mkdirSync(path.join(dev, 'usb'), { recursive: true });
    for (const name of ['usb/lp0', 'ttyUSB0', 'rfcomm0', 'ttyACM1', 'tty0', 'sda']) writeFileSync(path.join(dev, name), '');
    const lpstat = script('lpstat', 'echo "EPSON_TM-T20"; echo "Xprinter"');
    expect(await listPrinters({ platform: 'linux', devDir: dev, lpstatCommand: lpstat })).toEqual([
      { label: `${dev}/usb/lp0`, connection: { kind: 'device', path: `${dev}/usb/lp0` } },
      { label: `${dev}/rfcomm0`, connection: { kind: 'serial', path: `${dev}/rfcomm0`, baudRate: 9600 } },
      { label: `${dev}/ttyACM1`, connection: { kind: 'serial', path: `${dev}/ttyACM1`, baudRate: 9600 } },
      { label: `${dev}/ttyUSB0`, connection: { kind: 'serial', path: `${dev}/ttyUSB0`, baudRate: 9600 } },
      { label: 'EPSON_TM-T20', connection: { kind: 'os', name: 'EPSON_TM-T20' } },
      { label: 'Xprinter', connection: { kind: 'os', name: 'Xprinter' } },
    ]);
    expect(await listPrinters({ platform: 'win32' })).toEqual([]);
  });

  it('lists the printers installed in Windows as OS printers, by their display name', async () => {
    const osPrinters = () => Promise.resolve([{ name: 'EPSON TM-T20III Receipt', displayName: 'Ticket caisse' }, { name: 'Microsoft Print to PDF' }, { name: ' ' }]);
    expect(await listPrinters({ platform: 'win32', osPrinters })).toEqual([
      { label: 'Ticket caisse', connection: { kind: 'os', name: 'EPSON TM-T20III Receipt' } },
      { label: 'Microsoft Print to PDF', connection: { kind: 'os', name: 'Microsoft Print to PDF' } },
    ]);
  });
});
