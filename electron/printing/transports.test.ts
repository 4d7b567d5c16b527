import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, constants, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakePrinter, type FakePrinter } from '../../test/fixtures/fake-printer';
import { classifyError, listPrinters, resolveDevicePath, sendToPrinter, type SendResult } from './transports';

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

describe('device files and serial ports', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'etal-dev-'));
  const options = { deviceDirs: [dir] };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the job to a device file', async () => {
    const device = path.join(dir, 'lp0');
    writeFileSync(device, '');
    expect(await sendToPrinter({ kind: 'device', path: device }, job, options)).toMatchObject({ ok: true });
    expect([...readFileSync(device)]).toEqual([...job]);
  });

  it('reports a missing device (printer unplugged)', async () => {
    expect(await sendToPrinter({ kind: 'device', path: path.join(dir, 'lp9') }, job, options)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('writes only inside the device directories', async () => {
    const outside = path.join(tmpdir(), `etal-not-a-printer-${process.pid}`);
    writeFileSync(outside, 'keep');
    for (const p of [outside, `${dir}/../${path.basename(outside)}`, 'lp0']) {
      expect(await sendToPrinter({ kind: 'device', path: p }, job, options)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
    expect(await sendToPrinter({ kind: 'device', path: outside }, job)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(readFileSync(outside, 'utf8')).toBe('keep');
    rmSync(outside);
  });

  it.runIf(process.platform === 'linux')('reports a device nobody is behind (ENXIO) as not found', async () => {
    const fifo = path.join(dir, 'fifo-no-reader');
    execFileSync('mkfifo', [fifo]);
    expect(await sendToPrinter({ kind: 'device', path: fifo }, job, options)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it.runIf(process.platform === 'linux')('times out on a device that stops taking data, without blocking a thread', async () => {
    const fifo = path.join(dir, 'fifo-stalled');
    execFileSync('mkfifo', [fifo]);
    // A reader that never reads: the pipe fills like a printer's buffer when it is out of paper.
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const result = await timed(() => sendToPrinter({ kind: 'device', path: fifo }, new Uint8Array(1024 * 1024), { ...options, timeoutMs: 1000 }));
      expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
      expect(result.elapsed).toBeLessThan(1500);
    } finally {
      closeSync(reader);
    }
  });

  it('writes to a serial port, setting its speed when the OS allows', async () => {
    const port = path.join(dir, 'ttyUSB0');
    writeFileSync(port, '');
    // Not a tty, so stty fails: the write must go ahead regardless.
    expect(await sendToPrinter({ kind: 'serial', path: port, baudRate: 19200 }, job, options)).toMatchObject({ ok: true });
    expect([...readFileSync(port)]).toEqual([...job]);
    expect(await sendToPrinter({ kind: 'serial', path: path.join(dir, 'rfcomm7'), baudRate: 9600 }, job, options)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('accepts only COM and LPT ports on Windows', () => {
    expect(resolveDevicePath('COM3', 'win32', undefined)).toBe('\\\\.\\COM3');
    expect(resolveDevicePath('\\\\.\\com12', 'win32', undefined)).toBe('\\\\.\\COM12');
    expect(resolveDevicePath('C:\\Users\\x\\file', 'win32', undefined)).toBeNull();
    expect(resolveDevicePath('/dev/usb/lp0', 'win32', undefined)).toBeNull();
    expect(resolveDevicePath('/dev/usb/lp0', 'linux', undefined)).toBe('/dev/usb/lp0');
    expect(resolveDevicePath('/dev/../etc/passwd', 'linux', undefined)).toBeNull();
  });

  it('maps permission errors for the person to act on', () => {
    // Tests run as root here, so EACCES cannot be provoked on a real file.
    expect(classifyError(Object.assign(new Error('denied'), { code: 'EACCES' }))).toMatchObject({ code: 'permission' });
    expect(classifyError(Object.assign(new Error('busy'), { code: 'EBUSY' }))).toMatchObject({ code: 'io' });
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
