/**
 * The payout files read back as the CAE's accountant would: the CSV with
 * papaparse, the XLSX with exceljs, the PDFs through poppler (pdftoppm /
 * pdftotext). The summary's PNG is kept at /work/notes/payout-summary.png
 * (or $PAYOUT_PNG) to be looked at.
 */
import { keyFingerprint } from '../../shared/fingerprint';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { computePayout, mixRule, RULES } from '../../shared/payout';
import {
  ACCOUNTING_COLUMNS,
  accountingEntriesCsv,
  DEFAULT_ACCOUNTING,
  EXPORT_LABELS,
  csvBytes,
  memberStatementPdf,
  payoutCsv,
  payoutFileStem,
  payoutPdf,
  payoutXlsx,
  signPayoutFiles,
  statementSentences,
  verifyPayoutFiles,
  type PayoutReport,
} from '../../shared/payout-export';
import type { PayoutRule } from '../../shared/schemas';
import { invoiceOf, member, saleOf, shift, workedExample } from '../fixtures/payout-example';

const GENERATED_AT = '2026-12-24T17:30:00.000Z';

function report(rule: PayoutRule = RULES.equal, tweak?: (input: ReturnType<typeof workedExample>) => void): PayoutReport {
  const input = workedExample();
  tweak?.(input);
  const { figures, bases, shares } = computePayout(input, rule);
  return { coop: { name: 'Les Fils de Noël', caeName: 'Coopaname' }, period: input.period, rule, figures, bases, shares, generatedAt: GENERATED_AT };
}

const secretKey = new Uint8Array(32).map((_, i) => i + 1);
const signer = { publicKeyHex: bytesToHex(ed25519.getPublicKey(secretKey)), sign: (bytes: Uint8Array) => Promise.resolve(bytesToHex(ed25519.sign(bytes, secretKey))) };

/** "1227,50" → 122750 (French decimal, no thousands separator: refuses anything else). */
function frenchCents(text: string | undefined): number {
  expect(text).toMatch(/^-?\d+,\d{2}$/);
  const [whole = '', frac = ''] = (text ?? '').replace('-', '').split(',');
  return (text?.startsWith('-') ? -1 : 1) * (Number(whole) * 100 + Number(frac));
}

const squash = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'etal-payout-'));
}

describe('payout CSV, read back with papaparse', () => {
  it('has the BOM, DOMAIN.md columns, one row per member, a total row and the summary block, French formats', () => {
    const r = report();
    const csv = payoutCsv(r);
    const bytes = csvBytes(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).not.toMatch(/salaire/i);
    const parsed = Papa.parse<string[]>(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\ufeff/, ''), { delimiter: ';', skipEmptyLines: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.delimiter).toBe(';');
    const rows = parsed.data;
    expect(rows[0]).toEqual([...EXPORT_LABELS.columns]);
    expect(rows[0]).toHaveLength(12);
    const members = rows.slice(1, 9);
    expect(members.map((m) => m[4])).toEqual(['Awa', 'Mariam', 'Fatou', 'Amina', 'Khadija', 'Leila', 'Nadia', 'Rokia']);
    expect(members.every((m) => m[0] === '01/12/2026' && m[1] === '24/12/2026' && m[2] === 'Les Fils de Noël' && m[5] === 'Parts égales')).toBe(true);
    expect(members.map((m) => m[3])).toEqual(['FC-01', 'FC-02', 'FC-03', 'FC-04', 'FC-05', 'FC-06', 'FC-07', 'FC-08']);
    // Hours, revenue attributed, share %, part, reimbursements, total to pay (Awa, Mariam).
    expect(members[0]?.slice(6)).toEqual(['26,00', '416,67', '12,50', '153,44', '0,00', '153,44']);
    expect(members[1]?.slice(6)).toEqual(['16,00', '166,67', '12,50', '153,44', '180,00', '333,44']);
    expect(members.map((m) => frenchCents(m[9]))).toEqual([15344, 15344, 15344, 15344, 15344, 15344, 15343, 15343]);
    const total = rows[9];
    expect(total?.[4]).toBe('Total');
    expect(frenchCents(total?.[9])).toBe(r.figures.toDistribute);
    expect(members.reduce((a, m) => a + frenchCents(m[9]), 0)).toBe(122750);
    expect(members.reduce((a, m) => a + frenchCents(m[7]), 0)).toBe(frenchCents(total?.[7]));
    expect(frenchCents(total?.[7])).toBe(r.figures.ht);
    expect(total?.[8]).toBe('100,00');
    expect([frenchCents(total?.[10]), frenchCents(total?.[11])]).toEqual([18000, 122750 + 18000]);
    // Summary block after an empty line.
    expect(rows[10]).toEqual(['']);
    expect(rows[11]).toEqual(['Résumé de la période']);
    const summary = new Map(rows.slice(12).filter((row) => row.length === 2).map((row) => [squash(row[0] ?? ''), frenchCents(row[1])]));
    expect(Object.fromEntries(summary)).toEqual({
      'CA TTC': 197000,
      'TVA collectée 20 %': 32833,
      'CA HT': 164167,
      'dont ventes au stand HT': 104167,
      'dont commandes facturées HT': 60000,
      'Charges HT': 25000,
      'Contribution CAE (10 % du CA HT)': 16417,
      'Montant à distribuer (rétribution des membres)': 122750,
    });
  });

  it('writes amounts above 1 000 € without a thousands separator, negatives with a minus, and marks an archived member', () => {
    const r = report(RULES.equal, (input) => {
      input.charges.push({ id: 'big', day: '2026-12-03', label: 'Stand', category: 'stallFee', amount: 240000, vatRate: 2000, source: 'charge' });
      input.members = input.members.map((m) => (m.id === 'm7' ? { ...m, archived: true } : m));
    });
    const rows = Papa.parse<string[]>(payoutCsv(r).slice(1), { delimiter: ';' }).data;
    expect(rows[7]?.[4]).toBe('Nadia (archivée)');
    expect(rows[1]?.[9]).toBe('-96,57');
    expect(frenchCents(rows[9]?.[9])).toBe(-77250);
    expect(rows.find((row) => row[0] === 'CA HT')?.[1]).toBe('1641,67');
  });

  it('names a mix rule in full', () => {
    const rows = Papa.parse<string[]>(payoutCsv(report(mixRule(5000, 0, 5000))).slice(1), { delimiter: ';' }).data;
    expect(squash(rows[1]?.[5] ?? '')).toBe('Mixte : 50 % parts égales + 50 % selon ce que chacune a fait');
    expect(rows[1]?.[9]).toBe('232,49');
  });
});

describe('payout XLSX, read back with exceljs', () => {
  it('has "Résumé" and "Détail" with numbers the accountant can add up, dates as dates', async () => {
    const r = report(RULES.made);
    const bytes = await payoutXlsx(r);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Résumé', 'Détail']);
    const detail = book.getWorksheet('Détail')!;
    expect((detail.getRow(1).values as unknown[]).slice(1)).toEqual([...EXPORT_LABELS.columns]);
    expect(detail.rowCount).toBe(10);
    const cents = (v: unknown) => Math.round((v as number) * 100);
    const parts = [2, 3, 4, 5, 6, 7, 8, 9].map((n) => detail.getRow(n).getCell(10));
    expect(parts.every((c) => typeof c.value === 'number' && c.numFmt === '#,##0.00')).toBe(true);
    expect(parts.map((c) => cents(c.value))).toEqual([31155, 12462, 12461, 21809, 26918, 17945, 0, 0]);
    expect(parts.reduce((a, c) => a + cents(c.value), 0)).toBe(r.figures.toDistribute);
    const total = detail.getRow(10);
    expect(total.getCell(5).value).toBe('Total');
    expect(cents(total.getCell(10).value)).toBe(122750);
    expect(cents(total.getCell(8).value)).toBe(164167);
    expect(cents(total.getCell(12).value)).toBe(122750 + 18000);
    expect(detail.getRow(2).getCell(1).value).toEqual(new Date('2026-12-01T00:00:00.000Z'));
    expect(detail.getRow(2).getCell(1).numFmt).toBe('dd/mm/yyyy');
    expect(detail.getRow(2).getCell(7).value).toBe(26);
    const summary = book.getWorksheet('Résumé')!;
    const byLabel = new Map<string, number>();
    summary.eachRow((row) => {
      const label = row.getCell(1).value;
      const value = row.getCell(2).value;
      if (typeof label === 'string' && typeof value === 'number') byLabel.set(squash(label), cents(value));
    });
    expect(byLabel.get('CA TTC')).toBe(197000);
    expect(byLabel.get('TVA collectée 20 %')).toBe(32833);
    expect(byLabel.get('CA HT')).toBe(164167);
    expect(byLabel.get('Charges HT')).toBe(25000);
    expect(byLabel.get('Contribution CAE (10 % du CA HT)')).toBe(16417);
    expect(byLabel.get('Montant à distribuer (rétribution des membres)')).toBe(122750);
    expect(summary.getRow(2).getCell(2).value).toBe('Coopaname');
  });
});

describe('signature', () => {
  it('verifies the two files it signed and nothing else', async () => {
    const r = report();
    const csv = csvBytes(payoutCsv(r));
    const xlsx = await payoutXlsx(r);
    const sig = await signPayoutFiles(csv, xlsx, signer);
    expect(sig.csvSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyPayoutFiles(csv, xlsx, sig)).toBe(true);
    const changed = csvBytes(payoutCsv(report(RULES.hours)));
    expect(verifyPayoutFiles(changed, xlsx, sig)).toBe(false);
    expect(verifyPayoutFiles(csv, xlsx, { ...sig, publicKeyHex: bytesToHex(ed25519.getPublicKey(new Uint8Array(32).fill(9))) })).toBe(false);
    expect(verifyPayoutFiles(csv, xlsx, { ...sig, signatureHex: 'zz' })).toBe(false);
  });
});

describe('PDFs, rendered with poppler', () => {
  it('the signed summary is one A4 page with the figures, the hashes, the key and the signature', async () => {
    const r = report();
    const csv = csvBytes(payoutCsv(r));
    const xlsx = await payoutXlsx(r);
    const sig = await signPayoutFiles(csv, xlsx, signer);
    const pdf = await payoutPdf(r, sig);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    const dir = tmp();
    const file = join(dir, `${payoutFileStem(r)}.pdf`);
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
    const raw = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    // Roboto has no U+202F: every thousands space must have become a printable no-break space.
    expect(raw).not.toContain('\u202f');
    const text = squash(raw);
    expect(text).toContain('1 227,50 €');
    expect(text).toContain('1 641,67 €');
    expect(text).toContain('164,17 €');
    expect(text).toContain('Parts égales');
    expect(text).toContain(sig.csvSha256);
    expect(text).toContain(sig.xlsxSha256);
    expect(text).toContain(sig.publicKeyHex);
    expect(text).toContain("Empreinte de la clé");
    expect(text).toContain(keyFingerprint(sig.publicKeyHex));
    expect(text.replace(/\s/g, '')).toContain(sig.signatureHex);
    expect(text).not.toMatch(/salaire/i);
    execFileSync('pdftoppm', ['-r', '110', '-png', '-singlefile', file, join(dir, 'summary')]);
    const png = process.env.PAYOUT_PNG ?? '/work/notes/payout-summary.png';
    if (existsSync(dirname(png))) {
      mkdirSync(dirname(png), { recursive: true });
      copyFileSync(join(dir, 'summary.png'), png);
    }
    expect(readFileSync(join(dir, 'summary.png')).subarray(1, 4).toString()).toBe('PNG');
  }, 30_000); // pdfmake, pdftotext and pdftoppm: over 5 s on a loaded 2-core machine

  it('13 members with long names and a mix rule still fit on one page', async () => {
    const r = report(mixRule(3333, 3333, 3334), (input) => {
      input.members = Array.from({ length: 13 }, (_, i) => member(i, `${['Marie-Josèphe', 'Aminata', 'Oumou'][i % 3] ?? ''} ${i + 1}`, i === 12));
      input.shifts.push(shift('s13', 'm13', 240));
    });
    expect(r.shares).toHaveLength(13);
    const csv = csvBytes(payoutCsv(r));
    const xlsx = await payoutXlsx(r);
    const file = join(tmp(), 'thirteen.pdf');
    writeFileSync(file, await payoutPdf(r, await signPayoutFiles(csv, xlsx, signer)));
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    const text = squash(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).replace(/\s+/g, ' ');
    expect(text).toContain('Marie-Josèphe 13 (archivée)');
    expect(text).toContain('Mixte : 33,33 % parts égales + 33,33 % selon les heures + 33,34 % selon ce que chacune a fait');
  });

  it('a member’s statement says in plain words what she did and what she gets, on one page', async () => {
    const r = report();
    expect(statementSentences(r, 'm1', 'fr').slice(0, 3)).toEqual([
      'Vous avez fabriqué 20 m de guirlande et tenu le stand 6 h.',
      'Vos heures comptées : 26 h (20 h de fabrication et de commandes, 6 h au stand).',
      'Ce que vous avez fait a été vendu 416,67\u00a0€ hors TVA.',
    ]);
    expect(statementSentences(r, 'm1', 'fr')).toContain('Le groupe partage à parts égales : votre part est 153,44\u00a0€.');
    expect(statementSentences(r, 'm1', 'en')[0]).toBe('You made 20 m of guirlande and held the stall for 6 h.');
    expect(statementSentences(r, 'm8', 'fr')[0]).toBe('Vous n’avez noté ni fabrication ni heures de stand sur cette période.');
    expect(statementSentences(r, 'm2', 'fr')).toContain('Vous avez payé 180,00\u00a0€ de dépenses pour le groupe : ils vous sont remboursés en plus. Total versé : 333,44\u00a0€.');
    expect(statementSentences(report(RULES.hours), 'm1', 'fr')).toContain('Le groupe partage selon les heures : vous avez fait 26 h sur 96 h 40 en tout, votre part est 330,16\u00a0€.');
    expect(statementSentences(report(mixRule(5000, 0, 5000)), 'm1', 'fr')).toContain(
      'Le groupe partage 50\u00a0% à parts égales et 50\u00a0% selon ce que chacune a fait : votre part est 232,49\u00a0€ (76,72\u00a0€ + 155,77\u00a0€).',
    );
    const dir = tmp();
    const file = join(dir, 'awa.pdf');
    writeFileSync(file, await memberStatementPdf(r, 'm1', 'fr'));
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    const text = squash(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).replace(/\s+/g, ' ');
    expect(text).toContain('Vous avez fabriqué 20 m de guirlande et tenu le stand 6 h.');
    expect(text).toContain('Le groupe partage à parts égales : votre part est 153,44 €.');
    execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', file, join(dir, 'awa')]);
    if (existsSync('/work/notes')) copyFileSync(join(dir, 'awa.png'), '/work/notes/payout-statement.png');
  });
});

describe('accounting entries for CAE software (enDi layout)', () => {
  it('writes each market day and invoice as balanced pieces, every line as a G and an A line', () => {
    const input = workedExample();
    input.sales.push(
      { ...saleOf('s2', [{ name: 'Boules', total: 750, vatRate: 550, makerIds: [] }, { name: 'Sac', total: 2000, makerIds: [] }], 'sale', '2026-12-06'), payments: [{ method: 'cash', amount: 2750, tendered: 3000, change: 250 }] },
      { ...saleOf('s2-x', [{ name: 'Sac', total: -2000, makerIds: [] }], 'cancellation', '2026-12-06'), payments: [{ method: 'cash', amount: -2000 }] },
    );
    input.invoices.push(invoiceOf('a1', 'o1', -12000, 'creditNote', '2026-12-12'));
    const csv = accountingEntriesCsv(input, { ...DEFAULT_ACCOUNTING, analyticCode: 'FC-NOEL' });
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([...ACCOUNTING_COLUMNS]);
    const lines = rows.slice(1);
    // Lines come in pairs: the same entry as G, then as A with the analytic code.
    for (let i = 0; i < lines.length; i += 2) {
      expect(lines[i]?.slice(0, 11)).toEqual(lines[i + 1]?.slice(0, 11));
      expect([lines[i]?.[11], lines[i]?.[12], lines[i + 1]?.[11], lines[i + 1]?.[12]]).toEqual(['G', '', 'A', 'FC-NOEL']);
    }
    const g = lines.filter((l) => l[11] === 'G');
    const amount = (v: string | undefined) => (v ? frenchCents(v) : 0);
    const pieces = [...new Set(g.map((l) => l[0]))];
    expect(pieces).toEqual(['VT20261205', 'VT20261206', 'F-2026-0001', 'A-2026-0001']);
    for (const piece of pieces) {
      const of = g.filter((l) => l[0] === piece);
      expect(of.reduce((a, l) => a + amount(l[9]), 0)).toBe(of.reduce((a, l) => a + amount(l[10]), 0));
    }
    const day1 = g.filter((l) => l[0] === 'VT20261205');
    expect(day1.map((l) => [l[2], l[3], l[6], l[9], l[10]])).toEqual([
      ['051226', '511200', '', '1250,00', ''],
      ['051226', '707000', 'V20', '', '1041,67'],
      ['051226', '445712', 'V20', '', '208,33'],
    ]);
    // The day with a cancellation nets out: 7,50 € at 5,5 % remain, paid cash.
    const day2 = g.filter((l) => l[0] === 'VT20261206');
    expect(day2.map((l) => [l[3], l[6], l[9], l[10]])).toEqual([
      ['530000', '', '7,50', ''],
      ['707000', 'V55', '', '7,11'],
      ['445715', 'V55', '', '0,39'],
    ]);
    const invoice = g.filter((l) => l[0] === 'F-2026-0001');
    expect(invoice.map((l) => [l[3], l[4], l[5], l[8], l[9], l[10]])).toEqual([
      ['411000', 'F-2026-0001', 'Mairie', '101226', '720,00', ''],
      ['707000', 'F-2026-0001', '', '101226', '', '600,00'],
      ['445712', 'F-2026-0001', '', '101226', '', '120,00'],
    ]);
    // A credit note goes the other way.
    const credit = g.filter((l) => l[0] === 'A-2026-0001');
    expect(credit.map((l) => [l[3], l[9], l[10]])).toEqual([
      ['411000', '', '120,00'],
      ['707000', '100,00', ''],
      ['445712', '20,00', ''],
    ]);
  });
});
