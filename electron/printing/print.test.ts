import { afterEach, describe, expect, it } from 'vitest';
import { buildReceipt, layoutReceipt, opensDrawer, ticketReference } from '../../shared/receipt';
import { decodeEscPos, startFakePrinter, type FakePrinter } from '../../test/fixtures/fake-printer';
import { cancellationOf, fixedCoop, workedTicketSale } from '../../test/fixtures/worked-ticket';
import { openDrawer, printReceipt, printTestPage, type PagePrinter, type PrinterConfig } from './print';

const BUDGET_MS = 3500;

let printer: FakePrinter | undefined;
afterEach(async () => {
  await printer?.close();
  printer = undefined;
});

function configFor(port: number, patch: Partial<PrinterConfig> = {}): PrinterConfig {
  return { connection: { kind: 'network', host: '127.0.0.1', port }, columns: 48, codepage: 'cp858', cut: true, drawerPin: 2, ...patch };
}

const squash = (lines: string[]) => lines.map((l) => l.replace(/ +/g, ' ').trim());

// Sales are built directly: electron/ is typechecked without the DOM lib, so its tests cannot
// import renderer/db (Dexie's IndexedDB types). Printing never touches storage anyway: it gets a
// Receipt document after the sale is committed, so a printer failure cannot lose a sale.
const coop = fixedCoop();
const cashSale = () => workedTicketSale();
const cardSale = () => workedTicketSale({ payments: [{ method: 'card', amount: 4950 }] });

async function printAndDecode(...args: Parameters<typeof printReceipt>) {
  const job = printer!.nextJob();
  const result = await printReceipt(...args);
  expect(result).toMatchObject({ ok: true });
  return { result, decoded: decodeEscPos(await job) };
}

describe('printing the worked ticket to a network printer', () => {
  it('prints the lines, VAT table, change, € and accents, the QR reference, one cut and a drawer pulse for cash', async () => {
    const sale = cashSale();
    printer = await startFakePrinter();
    const receipt = buildReceipt(sale, coop, { cashierName: 'Aminata' });
    const { result, decoded } = await printAndDecode(receipt, configFor(printer.port), { openDrawer: opensDrawer(sale) });

    expect(squash(decoded.lines)).toEqual(
      expect.arrayContaining([
        'Guirlande wax 1 m',
        '2 pièces x 12,00 € 24,00 €',
        'Guirlande wax au mètre',
        '1,5 m x 12,00 €/m 18,00 €',
        'Boules énergie (sachet)',
        '3 pièces x 2,50 € 7,50 €',
        'TOTAL TTC 49,50 €',
        'TVA HT € TVA € TTC €',
        '20 % 35,00 7,00 42,00',
        '5,5 % 7,11 0,39 7,50',
        'Total 42,11 7,39 49,50',
        'Espèces 49,50 €',
        'Reçu 50,00 €',
        'Rendu 0,50 €',
        'pour le collectif Wax & Fils - coopérative',
        'Ticket n° 1 05/12/2026 16:30',
      ]),
    );
    expect(decoded.qr).toEqual([ticketReference(sale)]);
    expect(decoded.qr[0]).toBe('ETAL:3f2a9c1b:1:2026-12-05:4950');
    expect(decoded.cuts).toBe(1);
    expect(decoded.pulses).toEqual([{ pin: 2 }]);
    expect(result.ms).toBeLessThan(1000);
  });

  it('does not open the drawer for a card sale', async () => {
    const sale = cardSale();
    printer = await startFakePrinter();
    const { decoded } = await printAndDecode(buildReceipt(sale, coop), configFor(printer.port), { openDrawer: opensDrawer(sale) });
    expect(decoded.pulses).toEqual([]);
    expect(squash(decoded.lines)).toContain('Carte bancaire 49,50 €');
    expect(decoded.cuts).toBe(1);
  });

  it('marks a reprint DUPLICATA and leaves the drawer shut', async () => {
    const sale = cashSale();
    printer = await startFakePrinter();
    const receipt = buildReceipt(sale, coop, { duplicate: true, printedAt: '2026-12-06T09:00:00.000Z' });
    const { decoded } = await printAndDecode(receipt, configFor(printer.port), { openDrawer: opensDrawer(sale, { duplicate: true }) });
    expect(squash(decoded.lines).filter((l) => l === 'DUPLICATA')).toHaveLength(2);
    expect(decoded.pulses).toEqual([]);
  });

  it('prints a cancellation with ANNULATION, the reason and negative amounts', async () => {
    const sale = cashSale();
    const cancellation = cancellationOf(sale);
    printer = await startFakePrinter();
    const receipt = buildReceipt(cancellation, coop, { originalTicketNumber: sale.ticketNumber });
    const { decoded } = await printAndDecode(receipt, configFor(printer.port, { columns: 32 }), { openDrawer: opensDrawer(cancellation) });
    expect(squash(decoded.lines)).toEqual(
      expect.arrayContaining(['ANNULATION de la vente n° 1', 'Motif : Erreur de saisie', '-2 pièces x 12,00 € -24,00 €', 'TOTAL TTC -49,50 €', 'Remboursement', 'Espèces -49,50 €']),
    );
    expect(decoded.qr).toEqual([ticketReference(cancellation)]);
    expect(decoded.pulses).toEqual([{ pin: 2 }]);
  });

  it('answers within 3 s with a typed error when the printer fails', async () => {
    const receipt = buildReceipt(cashSale(), coop);
    const cases = [
      { mode: { kind: 'stall' } as const, code: 'timeout' },
      { mode: { kind: 'close-mid-job', afterBytes: 200 } as const, code: 'closed' },
    ];
    for (const { mode, code } of cases) {
      printer = await startFakePrinter(mode);
      const started = performance.now();
      const result = await printReceipt(receipt, configFor(printer.port), { openDrawer: true });
      expect(result).toMatchObject({ ok: false, error: { code } });
      expect(performance.now() - started).toBeLessThan(BUDGET_MS);
      await printer.close();
      printer = undefined;
    }
    const off = await startFakePrinter();
    const port = off.port;
    await off.close();
    const refused = await printReceipt(receipt, configFor(port));
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('refuses an unknown code page without contacting the printer', async () => {
    printer = await startFakePrinter();
    const result = await printReceipt(buildReceipt(cashSale(), coop), configFor(printer.port, { codepage: 'klingon' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(printer.jobs).toEqual([]);
  });
});

describe('test page and drawer', () => {
  it('prints €, the accents, a QR code and the co-op header', async () => {
    printer = await startFakePrinter();
    const job = printer.nextJob();
    expect(await printTestPage(configFor(printer.port, { columns: 32 }), coop)).toMatchObject({ ok: true });
    const decoded = decodeEscPos(await job);
    const lines = squash(decoded.lines);
    expect(lines).toEqual(
      expect.arrayContaining(['Accents : é è à ç ô ï ù', 'Majuscules : É È À Ç Ô Ï Ù', 'Montant 1 234,50 €', 'SIRET 443 123 456 00016', 'pour le collectif Wax & Fils -']),
    );
    expect(decoded.qr).toEqual(['ETAL:TEST']);
    expect(decoded).toMatchObject({ cuts: 1, pulses: [] });
  });

  it('kicks the drawer on the configured pin and prints nothing', async () => {
    printer = await startFakePrinter();
    const job = printer.nextJob();
    expect(await openDrawer(configFor(printer.port, { drawerPin: 5 }))).toMatchObject({ ok: true });
    const decoded = decodeEscPos(await job);
    expect(decoded).toMatchObject({ pulses: [{ pin: 5 }], cuts: 0, qr: [] });
    expect(decoded.lines.every((l) => l === '')).toBe(true);
  });
});

describe('golden receipts', () => {
  const receipt = buildReceipt(cashSale(), coop, { cashierName: 'Aminata' });

  it.each([32, 48])('lays out the worked ticket at %i columns', async (columns) => {
    const lines = layoutReceipt(receipt, columns);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(columns);
    for (const line of lines.filter((l) => l.endsWith(' €'))) expect(line).toHaveLength(columns);
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot(`./__golden__/worked-ticket-${columns}.txt`);
  });
});

describe('latency', () => {
  it('prints the worked ticket to a local network printer in well under a second', async () => {
    printer = await startFakePrinter();
    const receipt = buildReceipt(cashSale(), coop);
    const times: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const job = printer.nextJob();
      const result = await printReceipt(receipt, configFor(printer.port), { openDrawer: true });
      if (!result.ok) throw new Error(result.error.detail);
      times.push(result.ms);
      await job;
    }
    times.sort((a, b) => a - b);
    expect(times[times.length - 1]).toBeLessThan(1000);
    expect(printer.jobs).toHaveLength(20);
  });
});

describe('printing to a printer installed in Windows (driver, no raw path)', () => {
  const windowsPrinter = (columns = 48): PrinterConfig => ({ connection: { kind: 'os', name: 'EPSON TM-T20III Receipt' }, columns, codepage: 'cp858', cut: true, drawerPin: 2 });

  it('sends the receipt as one silent page the width of the roll, with the same lines as the paper and the QR code drawn', async () => {
    const jobs: Parameters<PagePrinter>[0][] = [];
    const pagePrinter: PagePrinter = (job) => {
      jobs.push(job);
      return Promise.resolve({ ok: true });
    };
    const receipt = buildReceipt(cashSale(), coop, { cashierName: 'Aminata' });
    const result = await printReceipt(receipt, windowsPrinter(), { platform: 'win32', pagePrinter, openDrawer: true });
    expect(result).toMatchObject({ ok: true });
    expect(jobs).toHaveLength(1);
    const [job] = jobs;
    expect(job?.deviceName).toBe('EPSON TM-T20III Receipt');
    expect(job?.options).toMatchObject({ silent: true, deviceName: 'EPSON TM-T20III Receipt', margins: { marginType: 'none' }, pageSize: { width: 80000 } });
    expect(job!.options.pageSize.height).toBeGreaterThan(job!.options.pageSize.width);
    const entities: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
    const text = job!.html.replace(/<[^>]+>/g, '\n').replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (e) => entities[e] ?? e);
    for (const line of layoutReceipt(receipt, 48).filter((l) => !l.trim().startsWith('[QR'))) expect(text).toContain(line);
    expect(job?.html).toContain('<svg');
    expect(job?.html).not.toContain('<script');
  });

  it('says what the driver answered when the page is refused, and gives up within the budget when the spooler hangs', async () => {
    const receipt = buildReceipt(cardSale(), coop);
    const refused = await printReceipt(receipt, windowsPrinter(32), { platform: 'win32', pagePrinter: () => Promise.resolve({ ok: false, reason: 'Invalid deviceName provided' }) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found', detail: 'Invalid deviceName provided' } });
    const started = performance.now();
    const hung = await printReceipt(receipt, windowsPrinter(), { platform: 'win32', timeoutMs: 300, pagePrinter: () => new Promise(() => undefined) });
    expect(hung).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(performance.now() - started).toBeLessThan(BUDGET_MS);
  });
});
