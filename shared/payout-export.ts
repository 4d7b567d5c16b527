/**
 * The payout files for the CAE (DOMAIN.md, "Payout to members"): a CSV for
 * French spreadsheets, the same as XLSX (summary + detail sheets), a signed
 * one-page PDF summary, and each member's one-page statement in plain words.
 * Pure: every function returns the file's bytes (or text), for the browser
 * and for Node alike.
 *
 * What members receive is a "rétribution" (a CAPE is not an employment
 * contract): the files never say "salaire".
 *
 * Signature: Ed25519 over the UTF-8 text `<sha256 of the CSV>\n<sha256 of
 * the XLSX>` (lowercase hex), so anyone holding the two files, the public
 * key and the signature printed on the PDF can check both files are the
 * ones this till exported.
 */
import Papa from 'papaparse';
import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/universal';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { renderPdf } from './documents/pdf';
import { keyFingerprint } from './fingerprint';
import type { Signer } from './keys';
import { divRound, type Cents } from './money';
import { formatAmount, formatDateTime, formatDay, formatInteger, formatMoney, formatQuantity, formatRate } from './format';
import type { MadeItem, MemberBasis, MemberShare, PayoutFigures } from './payout';
import type { Invoice, PaymentMethod, PayoutPeriod, PayoutRule, Sale } from './schemas';

export type PayoutReport = {
  coop: { name: string; caeName: string };
  period: PayoutPeriod;
  rule: PayoutRule;
  figures: PayoutFigures;
  shares: MemberShare[];
  bases: MemberBasis[];
  /** ISO instant. */
  generatedAt: string;
  /** Returns to an older backup since this till's previous payout export (journal type 'rollback'): the CAE is told. */
  rollbacks?: { at: string; entries: number; fromSeq: number; toSeq: number; by: string; reason: string }[];
};

export type PayoutSignature = {
  csvSha256: string;
  xlsxSha256: string;
  publicKeyHex: string;
  signatureHex: string;
};

// ---------------------------------------------------------------------------
// Labels (French: the CAE's accountant reads French figures)

export const EXPORT_LABELS = {
  columns: [
    'Début de période',
    'Fin de période',
    'Groupe',
    'Code analytique CAE',
    'Membre',
    'Règle de partage',
    'Heures',
    'CA attribué HT (€)',
    'Part (%)',
    'Rétribution : part du montant à distribuer (€)',
    'Remboursements dus (€)',
    'Total à verser (€)',
  ],
  total: 'Total',
  archived: 'archivée',
  summary: 'Résumé de la période',
  caTtc: 'CA TTC',
  vatAt: (rate: string) => `TVA collectée ${rate}`,
  caHt: 'CA HT',
  salesHt: 'dont ventes au stand HT',
  ordersHt: 'dont commandes facturées HT',
  chargesHt: 'Charges HT',
  contribution: (rate: string) => `Contribution CAE (${rate} du CA HT)`,
  toDistribute: 'Montant à distribuer (rétribution des membres)',
  rule: {
    equal: 'Parts égales',
    hours: 'Selon les heures',
    made: 'Selon ce que chacune a fait',
  },
} as const;

/** "Parts égales", or "Mixte : 50 % parts égales + 50 % selon ce que chacune a fait". */
export function ruleLabel(rule: PayoutRule): string {
  if (rule.kind !== 'mix') return EXPORT_LABELS.rule[rule.kind];
  const parts = (['equal', 'hours', 'made'] as const)
    .map((k) => [k, rule[`${k}Bp`]] as const)
    .filter(([, bp]) => bp > 0)
    .map(([k, bp]) => `${formatRate(bp)} ${EXPORT_LABELS.rule[k].toLowerCase()}`);
  return `Mixte : ${parts.join(' + ')}`;
}

/** 122750 → "1227,50": decimal comma, no thousands separator (spreadsheets read it as a number). */
export function csvAmount(cents: Cents): string {
  return formatAmount(cents).replace(/[\s\u00a0\u202f]/g, '');
}

/** Minutes as decimal hours with a comma: 1560 → "26,00". */
export function csvHours(minutes: number): string {
  return csvAmount(divRound(minutes * 100, 60));
}

function memberLabel(basis: MemberBasis): string {
  return basis.archived ? `${basis.firstName} (${EXPORT_LABELS.archived})` : basis.firstName;
}

/** `retribution-les-fils-de-noel-2026-12-01-2026-12-24` (no accents, no spaces). */
export function payoutFileStem(report: Pick<PayoutReport, 'coop' | 'period'>): string {
  const slug = report.coop.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `retribution-${slug || 'groupe'}-${report.period.from}-${report.period.to}`;
}

type Rows = { members: { basis: MemberBasis; share: MemberShare }[]; total: MemberShare & { minutes: number; madeHt: Cents } };

function rowsOf(report: PayoutReport): Rows {
  const byId = new Map(report.shares.map((s) => [s.memberId, s]));
  const members = report.bases.flatMap((basis) => {
    const share = byId.get(basis.memberId);
    return share ? [{ basis, share }] : [];
  });
  const sum = (f: (r: (typeof members)[number]) => number) => members.reduce((a, r) => a + f(r), 0);
  return {
    members,
    total: {
      memberId: '',
      equal: sum((r) => r.share.equal),
      hours: sum((r) => r.share.hours),
      made: sum((r) => r.share.made),
      total: sum((r) => r.share.total),
      shareBp: sum((r) => r.share.shareBp),
      reimbursement: sum((r) => r.share.reimbursement),
      toPay: sum((r) => r.share.toPay),
      minutes: sum((r) => r.basis.minutes),
      madeHt: sum((r) => r.basis.madeHt),
    },
  };
}

/** Summary lines: [label, cents]. */
function summaryLines(f: PayoutFigures): [string, Cents][] {
  const L = EXPORT_LABELS;
  return [
    [L.caTtc, f.ttc],
    ...f.byRate.map((r): [string, Cents] => [L.vatAt(formatRate(r.rate)), r.vat]),
    [L.caHt, f.ht],
    [L.salesHt, f.salesHt],
    [L.ordersHt, f.ordersHt],
    [L.chargesHt, f.chargesHt],
    [L.contribution(formatRate(f.contributionBp)), f.contribution],
    [L.toDistribute, f.toDistribute],
  ];
}

// ---------------------------------------------------------------------------
// CSV

/**
 * The CSV: DOMAIN.md's columns, one row per member, a total row, then the
 * summary block (label in the first column, amount in the second). `;`,
 * decimal comma, dates DD/MM/YYYY, UTF-8 with BOM, CRLF.
 */
export function payoutCsv(report: PayoutReport): string {
  const { members, total } = rowsOf(report);
  const from = formatDay(report.period.from);
  const to = formatDay(report.period.to);
  const rule = ruleLabel(report.rule);
  const rows: string[][] = [
    [...EXPORT_LABELS.columns],
    ...members.map(({ basis, share }) => [
      from,
      to,
      report.coop.name,
      basis.analyticCode,
      memberLabel(basis),
      rule,
      csvHours(basis.minutes),
      csvAmount(basis.madeHt),
      csvAmount(share.shareBp),
      csvAmount(share.total),
      csvAmount(share.reimbursement),
      csvAmount(share.toPay),
    ]),
    [from, to, report.coop.name, '', EXPORT_LABELS.total, rule, csvHours(total.minutes), csvAmount(total.madeHt), csvAmount(total.shareBp), csvAmount(total.total), csvAmount(total.reimbursement), csvAmount(total.toPay)],
    [],
    [EXPORT_LABELS.summary],
    ...summaryLines(report.figures).map(([label, cents]) => [label, csvAmount(cents)]),
  ];
  return `\ufeff${Papa.unparse(rows, { delimiter: ';', newline: '\r\n', quotes: false, header: false })}\r\n`;
}

// ---------------------------------------------------------------------------
// XLSX

const MONEY_FORMAT = '#,##0.00';
const XLSX_DATE = 'dd/mm/yyyy';

const money = (cents: Cents, bold = false) => ({ value: cents / 100, type: Number, format: MONEY_FORMAT, ...(bold ? { fontWeight: 'bold' as const } : {}) });
const dateCell = (day: string) => ({ value: new Date(`${day}T00:00:00.000Z`), type: Date, format: XLSX_DATE });
const bold = (value: string) => ({ value, fontWeight: 'bold' as const });

/**
 * The XLSX: sheet "Résumé" (the period, the rule and the summary figures)
 * and sheet "Détail" (the CSV's columns). Amounts are numbers in euros with
 * a 2-decimal format, so the accountant can add them up; dates are dates.
 */
export async function payoutXlsx(report: PayoutReport): Promise<Uint8Array> {
  const { members, total } = rowsOf(report);
  const rule = ruleLabel(report.rule);
  const summary: SheetData = [
    [bold(report.coop.name)],
    ['CAE', report.coop.caeName],
    ['Du', dateCell(report.period.from)],
    ['Au', dateCell(report.period.to)],
    [EXPORT_LABELS.columns[5], rule],
    [],
    [bold(EXPORT_LABELS.summary)],
    ...summaryLines(report.figures).map(([label, cents], i, all): Row => (i === all.length - 1 ? [bold(label), money(cents, true)] : [label, money(cents)])),
  ];
  const hours = (minutes: number) => ({ value: divRound(minutes * 100, 60) / 100, type: Number, format: '0.00' });
  const percent = (bp: number) => ({ value: bp / 100, type: Number, format: '0.00' });
  const detail: SheetData = [
    EXPORT_LABELS.columns.map((c) => ({ value: c, fontWeight: 'bold' as const, wrap: true })),
    ...members.map(({ basis, share }): Row => [
      dateCell(report.period.from),
      dateCell(report.period.to),
      report.coop.name,
      basis.analyticCode,
      memberLabel(basis),
      rule,
      hours(basis.minutes),
      money(basis.madeHt),
      percent(share.shareBp),
      money(share.total),
      money(share.reimbursement),
      money(share.toPay),
    ]),
    [
      dateCell(report.period.from),
      dateCell(report.period.to),
      report.coop.name,
      '',
      bold(EXPORT_LABELS.total),
      rule,
      hours(total.minutes),
      money(total.madeHt, true),
      percent(total.shareBp),
      money(total.total, true),
      money(total.reimbursement, true),
      money(total.toPay, true),
    ],
  ];
  const blob = await writeXlsxFile([
    { data: summary, sheet: 'Résumé', columns: [{ width: 46 }, { width: 16 }] },
    { data: detail, sheet: 'Détail', columns: [12, 12, 20, 14, 16, 26, 9, 14, 9, 18, 14, 14].map((width) => ({ width })) },
  ]).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

// ---------------------------------------------------------------------------
// Signature

/** What is signed: the two files' SHA-256, hex, one per line. */
export function signedMessage(csvSha256: string, xlsxSha256: string): Uint8Array {
  return utf8ToBytes(`${csvSha256}\n${xlsxSha256}`);
}

export function sha256OfBytes(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** The CSV's bytes as written to disk (UTF-8, its BOM included). */
export function csvBytes(csv: string): Uint8Array {
  return utf8ToBytes(csv);
}

/** Hashes both files and signs them with the till's key (Ed25519, hex out). */
export async function signPayoutFiles(csv: Uint8Array, xlsx: Uint8Array, signer: Signer): Promise<PayoutSignature> {
  const csvSha256 = sha256OfBytes(csv);
  const xlsxSha256 = sha256OfBytes(xlsx);
  return { csvSha256, xlsxSha256, publicKeyHex: signer.publicKeyHex, signatureHex: await signer.sign(signedMessage(csvSha256, xlsxSha256)) };
}

/** True when the signature is the public key's over these two files. */
export function verifyPayoutFiles(csv: Uint8Array, xlsx: Uint8Array, signature: Pick<PayoutSignature, 'publicKeyHex' | 'signatureHex'>): boolean {
  try {
    return ed25519.verify(hexToBytes(signature.signatureHex), signedMessage(sha256OfBytes(csv), sha256OfBytes(xlsx)), hexToBytes(signature.publicKeyHex));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// PDF summary

const GREY = '#555555';

function hexLines(hex: string, width = 64): string {
  const out: string[] = [];
  for (let i = 0; i < hex.length; i += width) out.push(hex.slice(i, i + width));
  return out.join('\n');
}

/** "6 h", "6 h 40". */
export function hoursText(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `${sign}${formatInteger(h)} h${m ? ` ${String(m).padStart(2, '0')}` : ''}`;
}

/**
 * The PDF summary, one A4 page: the period's figures, each member's line,
 * the files' SHA-256 and the Ed25519 signature with its public key.
 */
export function payoutPdfDefinition(report: PayoutReport, signature: PayoutSignature): TDocumentDefinitions {
  const { members, total } = rowsOf(report);
  const f = report.figures;
  const stem = payoutFileStem(report);
  const right = (text: string, extra: Record<string, unknown> = {}) => ({ text, alignment: 'right' as const, ...extra });
  const summaryBody = summaryLines(f).map(([label, cents], i, all) =>
    i === all.length - 1 ? [{ text: label, bold: true }, right(formatMoney(cents), { bold: true })] : [{ text: label, ...(label.startsWith('dont') ? { color: GREY, margin: [10, 0, 0, 0] as [number, number, number, number] } : {}) }, right(formatMoney(cents))],
  );
  const head = ['Membre', 'Code CAE', 'Heures', 'CA attribué HT', 'Part', 'Rétribution', 'Rembours.', 'Total à verser'].map((t, i) => ({ text: t, bold: true, ...(i >= 2 ? { alignment: 'right' as const } : {}) }));
  const memberBody = members.map(({ basis, share }) => [
    memberLabel(basis),
    basis.analyticCode,
    right(hoursText(basis.minutes)),
    right(formatMoney(basis.madeHt)),
    right(formatRate(share.shareBp)),
    right(formatMoney(share.total)),
    right(formatMoney(share.reimbursement)),
    right(formatMoney(share.toPay), { bold: true }),
  ]);
  const totalRow = [
    { text: EXPORT_LABELS.total, bold: true },
    '',
    right(hoursText(total.minutes), { bold: true }),
    right(formatMoney(total.madeHt), { bold: true }),
    right(formatRate(total.shareBp), { bold: true }),
    right(formatMoney(total.total), { bold: true }),
    right(formatMoney(total.reimbursement), { bold: true }),
    right(formatMoney(total.toPay), { bold: true }),
  ];
  const content: Content[] = [
    { text: 'Rétribution des membres — résumé de la période', style: 'title' },
    { text: `Collectif ${report.coop.name}, hébergé par ${report.coop.caeName}`, margin: [0, 2, 0, 0] },
    {
      text: `Du ${formatDay(report.period.from)} au ${formatDay(report.period.to)} · Règle de partage : ${ruleLabel(report.rule)}`,
      margin: [0, 2, 0, 10],
    },
    {
      columns: [
        { width: 300, table: { widths: ['*', 90], body: summaryBody }, layout: 'lightHorizontalLines' },
        {
          width: '*',
          margin: [16, 0, 0, 0],
          stack: [
            { text: 'Montant à distribuer', color: GREY },
            { text: formatMoney(f.toDistribute), fontSize: 20, bold: true, color: f.toDistribute < 0 ? '#b00020' : '#000000' },
            { text: `= CA HT ${formatMoney(f.ht)} − charges HT ${formatMoney(f.chargesHt)} − contribution CAE ${formatMoney(f.contribution)}`, fontSize: 8, color: GREY, margin: [0, 4, 0, 0] },
            { text: `${formatInteger(f.saleCount)} ticket(s) net(s) des annulations, ${formatInteger(f.invoiceCount)} facture(s) nette(s) des avoirs.`, fontSize: 8, color: GREY, margin: [0, 4, 0, 0] },
            ...(f.toDistribute < 0 ? [{ text: 'Montant négatif : les charges et la contribution dépassent le CA HT.', fontSize: 9, bold: true, color: '#b00020', margin: [0, 6, 0, 0] as [number, number, number, number] }] : []),
          ],
        },
      ],
    },
    { text: 'Par membre', style: 'h2' },
    {
      table: { headerRows: 1, widths: ['*', 50, 34, 56, 36, 56, 48, 58], body: [head, ...memberBody, totalRow] },
      layout: 'lightHorizontalLines',
      fontSize: 8,
    },
    {
      text: 'La rétribution est versée par la CAE après retenue des cotisations sociales et de l’impôt ; les remboursements sont les dépenses payées par une membre pour le groupe (TTC).',
      fontSize: 8,
      color: GREY,
      margin: [0, 6, 0, 0],
    },
    { text: 'Fichiers et signature', style: 'h2' },
    {
      fontSize: 7.5,
      table: {
        widths: [100, '*'],
        body: [
          ['CSV', `${stem}.csv\nSHA-256 ${signature.csvSha256}`],
          ['XLSX', `${stem}.xlsx\nSHA-256 ${signature.xlsxSha256}`],
          ['Clé publique Ed25519 de la caisse', signature.publicKeyHex],
          ['Empreinte de la clé (à noter par la CAE)', { text: keyFingerprint(signature.publicKeyHex), bold: true, fontSize: 9 }],
          ['Signature Ed25519', hexLines(signature.signatureHex)],
        ],
      },
      layout: 'noBorders',
    },
    {
      text: 'La signature porte sur le texte « SHA-256 du CSV », saut de ligne, « SHA-256 du XLSX » (hexadécimal minuscule) : elle prouve que les deux fichiers sont ceux exportés par cette caisse.',
      fontSize: 7.5,
      color: GREY,
      margin: [0, 4, 0, 0],
    },
    ...(report.rollbacks ?? []).flatMap((r): Content[] => [
      { text: 'Retour à une sauvegarde', style: 'h2', color: '#b3261e' },
      {
        text: `Le ${formatDateTime(r.at)}, la caisse est revenue à une sauvegarde plus ancienne : ${r.entries} écriture${r.entries > 1 ? 's' : ''} du journal remplacée${r.entries > 1 ? 's' : ''} (n° ${r.fromSeq} à ${r.toSeq}), gardée${r.entries > 1 ? 's' : ''} dans un fichier scellé. Décidé par ${r.by} : ${r.reason}`,
        fontSize: 8.5,
      },
    ]),
  ];
  return {
    pageSize: 'A4',
    pageMargins: [36, 36, 36, 40],
    defaultStyle: { font: 'Roboto', fontSize: 9.5 },
    styles: { title: { fontSize: 15, bold: true }, h2: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] } },
    content,
    footer: () => ({ text: `Étal — édité le ${formatDateTime(report.generatedAt)}`, fontSize: 7.5, color: GREY, margin: [36, 12, 36, 0] }),
    info: { title: `Rétribution ${report.coop.name} ${formatDay(report.period.from)} – ${formatDay(report.period.to)}`, author: report.coop.name, creator: 'Étal', producer: 'Étal (pdfmake)' },
  };
}

export async function payoutPdf(report: PayoutReport, signature: PayoutSignature): Promise<Uint8Array> {
  return renderPdf(payoutPdfDefinition(report, signature));
}

// ---------------------------------------------------------------------------
// Member statement

export type StatementLanguage = 'fr' | 'en';

const UNIT_WORDS: Record<StatementLanguage, Record<MadeItem['unit'], (q: string, name: string) => string>> = {
  fr: {
    metre: (q, n) => `${q} m de ${n}`,
    kg: (q, n) => `${q} kg de ${n}`,
    piece: (q, n) => `${q} ${n}`,
    portion: (q, n) => `${q} portion(s) de ${n}`,
  },
  en: {
    metre: (q, n) => `${q} m of ${n}`,
    kg: (q, n) => `${q} kg of ${n}`,
    piece: (q, n) => `${q} ${n}`,
    portion: (q, n) => `${q} portion(s) of ${n}`,
  },
};

function list(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1) ?? ''}`;
}

/**
 * The statement's sentences, in plain words ("Vous avez fabriqué 20 m de
 * guirlande et tenu le stand 6 h. Le groupe partage à parts égales : votre
 * part est 153,44 €."). Amounts and quantities are written the French way in
 * both languages (format.ts).
 */
export function statementSentences(report: PayoutReport, memberId: string, lang: StatementLanguage): string[] {
  const basis = report.bases.find((b) => b.memberId === memberId);
  const share = report.shares.find((s) => s.memberId === memberId);
  if (!basis || !share) throw new RangeError(`no member ${memberId} in this payout`);
  const fr = lang === 'fr';
  const made = basis.made.map((m) => UNIT_WORDS[lang][m.unit](formatQuantity(m.quantity), m.name));
  const did: string[] = [];
  if (made.length > 0) did.push(fr ? `fabriqué ${list(made, 'et')}` : `made ${list(made, 'and')}`);
  if (basis.shiftMinutes > 0) did.push(fr ? `tenu le stand ${hoursText(basis.shiftMinutes)}` : `held the stall for ${hoursText(basis.shiftMinutes)}`);
  const out: string[] = [];
  out.push(
    did.length > 0
      ? fr
        ? `Vous avez ${list(did, 'et')}.`
        : `You ${list(did, 'and')}.`
      : fr
        ? 'Vous n’avez noté ni fabrication ni heures de stand sur cette période.'
        : 'You logged no making and no stall hours in this period.',
  );
  const workMinutes = basis.productionMinutes + basis.orderMinutes;
  if (basis.minutes > 0) {
    out.push(
      fr
        ? `Vos heures comptées : ${hoursText(basis.minutes)}${workMinutes > 0 && basis.shiftMinutes > 0 ? ` (${hoursText(workMinutes)} de fabrication et de commandes, ${hoursText(basis.shiftMinutes)} au stand)` : ''}.`
        : `Your hours counted: ${hoursText(basis.minutes)}${workMinutes > 0 && basis.shiftMinutes > 0 ? ` (${hoursText(workMinutes)} making and on orders, ${hoursText(basis.shiftMinutes)} at the stall)` : ''}.`,
    );
  }
  if (basis.madeHt !== 0) {
    out.push(
      fr
        ? `Ce que vous avez fait a été vendu ${formatMoney(basis.madeHt)} hors TVA.`
        : `What you made sold for ${formatMoney(basis.madeHt)} excluding VAT.`,
    );
  }
  const f = report.figures;
  const totalMinutes = report.bases.reduce((a, b) => a + Math.max(0, b.minutes), 0);
  const totalMade = report.bases.reduce((a, b) => a + Math.max(0, b.madeHt), 0);
  const yourPart = formatMoney(share.total);
  const r = report.rule;
  if (r.kind === 'equal') {
    out.push(fr ? `Le groupe partage à parts égales : votre part est ${yourPart}.` : `The group shares equally: your share is ${yourPart}.`);
  } else if (r.kind === 'hours') {
    out.push(
      fr
        ? `Le groupe partage selon les heures : vous avez fait ${hoursText(basis.minutes)} sur ${hoursText(totalMinutes)} en tout, votre part est ${yourPart}.`
        : `The group shares by hours: you worked ${hoursText(basis.minutes)} of ${hoursText(totalMinutes)} in all, your share is ${yourPart}.`,
    );
  } else if (r.kind === 'made') {
    out.push(
      fr
        ? `Le groupe partage selon ce que chacune a fait : vos ventes font ${formatMoney(basis.madeHt)} sur ${formatMoney(totalMade)}, votre part est ${yourPart}.`
        : `The group shares by what each made: your sales are ${formatMoney(basis.madeHt)} of ${formatMoney(totalMade)}, your share is ${yourPart}.`,
    );
  } else {
    const words = fr
      ? { equal: 'à parts égales', hours: 'selon les heures', made: 'selon ce que chacune a fait' }
      : { equal: 'equally', hours: 'by hours', made: 'by what each made' };
    const parts = (['equal', 'hours', 'made'] as const).filter((k) => r[`${k}Bp`] > 0);
    const how = parts.map((k) => `${formatRate(r[`${k}Bp`])} ${words[k]}`);
    const sums = parts.map((k) => formatMoney(share[k]));
    out.push(
      fr
        ? `Le groupe partage ${list(how, 'et')} : votre part est ${yourPart} (${sums.join(' + ')}).`
        : `The group shares ${list(how, 'and')}: your share is ${yourPart} (${sums.join(' + ')}).`,
    );
  }
  out.push(
    fr
      ? `Le groupe avait ${formatMoney(f.toDistribute)} à partager : ${formatMoney(f.ht)} de ventes hors TVA, moins ${formatMoney(f.chargesHt)} de dépenses et ${formatMoney(f.contribution)} pour la CAE.`
      : `The group had ${formatMoney(f.toDistribute)} to share: ${formatMoney(f.ht)} of sales excluding VAT, less ${formatMoney(f.chargesHt)} of expenses and ${formatMoney(f.contribution)} for the CAE.`,
  );
  if (share.reimbursement !== 0) {
    out.push(
      fr
        ? `Vous avez payé ${formatMoney(share.reimbursement)} de dépenses pour le groupe : ils vous sont remboursés en plus. Total versé : ${formatMoney(share.toPay)}.`
        : `You paid ${formatMoney(share.reimbursement)} of expenses for the group: it is paid back on top. Total paid to you: ${formatMoney(share.toPay)}.`,
    );
  }
  out.push(
    fr
      ? `${report.coop.caeName} vous verse cette somme comme rétribution ; les cotisations sociales et l’impôt sont retenus dessus.`
      : `${report.coop.caeName} pays you this amount as your “rétribution”; social contributions and income tax are withheld from it.`,
  );
  return out;
}

export function memberStatementDefinition(report: PayoutReport, memberId: string, lang: StatementLanguage): TDocumentDefinitions {
  const basis = report.bases.find((b) => b.memberId === memberId);
  const share = report.shares.find((s) => s.memberId === memberId);
  if (!basis || !share) throw new RangeError(`no member ${memberId} in this payout`);
  const fr = lang === 'fr';
  const sentences = statementSentences(report, memberId, lang);
  const row = (label: string, value: string, strong = false) => [{ text: label, bold: strong }, { text: value, alignment: 'right' as const, bold: strong }];
  return {
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 48],
    defaultStyle: { font: 'Roboto', fontSize: 12, lineHeight: 1.25 },
    content: [
      { text: basis.firstName, fontSize: 24, bold: true },
      {
        text: `${report.coop.name} · ${fr ? 'du' : 'from'} ${formatDay(report.period.from)} ${fr ? 'au' : 'to'} ${formatDay(report.period.to)}`,
        color: GREY,
        margin: [0, 2, 0, 18],
      },
      { text: fr ? 'Vous recevez' : 'You receive', color: GREY },
      { text: formatMoney(share.toPay), fontSize: 32, bold: true, margin: [0, 0, 0, 18] },
      ...sentences.map((s): Content => ({ text: s, margin: [0, 0, 0, 8] })),
      {
        margin: [0, 14, 0, 0],
        table: {
          widths: ['*', 110],
          body: [
            row(fr ? 'Vos heures' : 'Your hours', hoursText(basis.minutes)),
            row(fr ? 'Vos ventes hors TVA' : 'Your sales excl. VAT', formatMoney(basis.madeHt)),
            row(fr ? 'Votre part' : 'Your share', `${formatRate(share.shareBp)} · ${formatMoney(share.total)}`),
            row(fr ? 'Remboursements' : 'Paid back', formatMoney(share.reimbursement)),
            row(fr ? 'Total versé' : 'Total paid', formatMoney(share.toPay), true),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      ...(basis.analyticCode ? [{ text: `${fr ? 'Code analytique CAE' : 'CAE analytic code'} : ${basis.analyticCode}`, fontSize: 9, color: GREY, margin: [0, 14, 0, 0] as [number, number, number, number] }] : []),
    ],
    footer: () => ({ text: `Étal — ${formatDateTime(report.generatedAt)}`, fontSize: 8, color: GREY, margin: [48, 16, 48, 0] }),
    info: { title: `${basis.firstName} — ${report.coop.name}`, author: report.coop.name, creator: 'Étal', producer: 'Étal (pdfmake)' },
  };
}

/** One page for one member, in plain words, in her language (French or English). */
export async function memberStatementPdf(report: PayoutReport, memberId: string, lang: StatementLanguage): Promise<Uint8Array> {
  return renderPdf(memberStatementDefinition(report, memberId, lang));
}

// ---------------------------------------------------------------------------
// Accounting entries for CAE software (DOMAIN.md, "Accounting entries for CAE software")

/** Account numbers and codes, as the CAE gives them (placeholders until it does). */
export type AccountingSettings = {
  journalCode: string;
  /** Product account per VAT rate (basis points as string key), `default` for the others. */
  productAccounts: Record<string, string> & { default: string };
  vatAccounts: Record<string, string> & { default: string };
  taxCodes: Record<string, string> & { default: string };
  /** Where each payment method's money goes (cash, card, cheque, transfer, other). */
  paymentAccounts: Record<PaymentMethod, string>;
  /** The customers' account (411…) for invoices. */
  customerAccount: string;
  /** The group's analytic code at the CAE, carried by every `A` line. */
  analyticCode: string;
};

export const DEFAULT_ACCOUNTING: AccountingSettings = {
  journalCode: 'VE',
  productAccounts: { default: '707000' },
  vatAccounts: { '2000': '445712', '1000': '445711', '550': '445715', '210': '445716', default: '445710' },
  taxCodes: { '2000': 'V20', '1000': 'V10', '550': 'V55', '210': 'V21', '0': 'V0', default: 'V' },
  paymentAccounts: { cash: '530000', card: '511200', cheque: '511100', transfer: '512000', other: '471000' },
  customerAccount: '411000',
  analyticCode: '',
};

export const ACCOUNTING_COLUMNS = [
  'Numéro de pièce',
  'Code Journal',
  'Date de pièce',
  'N° compte général',
  'Numéro de facture',
  'Numéro de compte tiers',
  'Code taxe',
  'Libellé d’écriture',
  'Date d’échéance',
  'Montant débit',
  'Montant crédit',
  'Type de ligne',
  'Numéro analytique',
] as const;

/** '2026-12-05' → '051226' (DDMMYY). */
export function ddmmyy(day: string): string {
  return `${day.slice(8, 10)}${day.slice(5, 7)}${day.slice(2, 4)}`;
}

type Entry = { piece: string; day: string; account: string; invoice: string; tiers: string; taxCode: string; label: string; due: string; debit: Cents };

const PAYMENT_LABELS: Record<PaymentMethod, string> = { cash: 'espèces', card: 'carte', cheque: 'chèques', transfer: 'virements', other: 'autres' };

const pick = (map: Record<string, string> & { default: string }, rate: number) => map[String(rate)] ?? map.default;

/**
 * The period's sales and invoices as accounting entries in the enDi / CAERP
 * import layout: one piece per market day (credit excl. VAT per rate to the
 * product account, credit VAT per rate to its VAT account with its tax
 * code, debit per payment method) and one per invoice or credit note
 * (debit incl. VAT to the customer account). Each entry is written twice:
 * a `G` line, then an `A` line with the analytic code. A negative amount
 * goes to the other side. Debits equal credits in every piece.
 */
export function accountingEntriesCsv(
  input: { sales: readonly Sale[]; invoices: readonly Invoice[] },
  settings: AccountingSettings = DEFAULT_ACCOUNTING,
): string {
  const entries: Entry[] = [];
  const days = [...new Set(input.sales.map((s) => s.businessDay))].sort();
  for (const day of days) {
    const sales = input.sales.filter((s) => s.businessDay === day);
    const piece = `VT${day.replace(/-/g, '')}`;
    const label = `Ventes au stand du ${formatDay(day)}`;
    const rates = new Map<number, { ht: Cents; vat: Cents }>();
    for (const s of sales) {
      for (const r of s.totals.byRate) {
        const cur = rates.get(r.rate) ?? { ht: 0, vat: 0 };
        rates.set(r.rate, { ht: cur.ht + r.ht, vat: cur.vat + r.vat });
      }
    }
    const methods = new Map<PaymentMethod, Cents>();
    for (const s of sales) for (const p of s.payments) methods.set(p.method, (methods.get(p.method) ?? 0) + p.amount);
    for (const [method, amount] of [...methods.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (amount !== 0) entries.push({ piece, day, account: settings.paymentAccounts[method], invoice: '', tiers: '', taxCode: '', label: `${label} (${PAYMENT_LABELS[method]})`, due: '', debit: amount });
    }
    for (const [rate, { ht, vat }] of [...rates.entries()].sort((a, b) => b[0] - a[0])) {
      const taxCode = pick(settings.taxCodes, rate);
      if (ht !== 0) entries.push({ piece, day, account: pick(settings.productAccounts, rate), invoice: '', tiers: '', taxCode, label: `${label} HT ${formatRate(rate)}`, due: '', debit: -ht });
      if (vat !== 0) entries.push({ piece, day, account: pick(settings.vatAccounts, rate), invoice: '', tiers: '', taxCode, label: `${label} TVA ${formatRate(rate)}`, due: '', debit: -vat });
    }
  }
  for (const inv of [...input.invoices].sort((a, b) => (a.issueDay < b.issueDay ? -1 : a.issueDay > b.issueDay ? 1 : a.number < b.number ? -1 : 1))) {
    const base = { piece: inv.number, day: inv.issueDay, invoice: inv.number, due: inv.dueDay };
    const who = inv.customer.organisation || inv.customer.name;
    const label = `${inv.kind === 'creditNote' ? 'Avoir' : 'Facture'} ${inv.number} ${who}`;
    entries.push({ ...base, account: settings.customerAccount, tiers: who, taxCode: '', label, debit: inv.ttc });
    for (const r of inv.byRate) {
      const taxCode = pick(settings.taxCodes, r.rate);
      if (r.ht !== 0) entries.push({ ...base, account: pick(settings.productAccounts, r.rate), tiers: '', taxCode, label: `${label} HT ${formatRate(r.rate)}`, debit: -r.ht });
      if (r.vat !== 0) entries.push({ ...base, account: pick(settings.vatAccounts, r.rate), tiers: '', taxCode, label: `${label} TVA ${formatRate(r.rate)}`, debit: -r.vat });
    }
  }
  const rows: string[][] = [[...ACCOUNTING_COLUMNS]];
  for (const e of entries) {
    const debit = e.debit > 0 ? csvAmount(e.debit) : '';
    const credit = e.debit < 0 ? csvAmount(-e.debit) : '';
    const common = [e.piece, settings.journalCode, ddmmyy(e.day), e.account, e.invoice, e.tiers, e.taxCode, e.label, e.due ? ddmmyy(e.due) : '', debit, credit];
    rows.push([...common, 'G', '']);
    rows.push([...common, 'A', settings.analyticCode]);
  }
  return `\ufeff${Papa.unparse(rows, { delimiter: ';', newline: '\r\n', header: false })}\r\n`;
}

