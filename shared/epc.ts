/**
 * The EPC QR code ("GiroCode", SEPA credit transfer) printed on quotes and
 * invoices, and the IBAN check it needs (DOMAIN.md, "EPC QR code").
 *
 * The payload is plain text, one field per line (`\n`), UTF-8, at most 331
 * bytes. Everything that would make a banking app refuse the code (bad IBAN,
 * amount out of range, name or text too long) is refused here with an i18n
 * key, before any QR is drawn.
 */
import type { Cents } from './money';

/** A refusal to build a payload: `key` is the i18n key of the sentence. */
export class EpcError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'EpcError';
  }
}

/** IBAN lengths of the SEPA countries a French co-op's bank is likely to be in. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22,
  GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15,
  PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27, VA: 22,
};

/** Spaces out, upper case: the form an IBAN is stored and encoded in. */
export function normalizeIban(iban: string): string {
  return iban.replace(/\s/g, '').toUpperCase();
}

/** ISO 7064 mod 97-10 over the IBAN rearranged (country and key moved to the end, letters as 10–35). */
function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const value = Number.parseInt(ch, 36);
    // Letters are two digits, digits one: fold them in digit by digit so the
    // running remainder stays small.
    rest = value >= 10 ? (rest * 100 + value) % 97 : (rest * 10 + value) % 97;
  }
  return rest;
}

/**
 * Why an IBAN is refused, or undefined when it is good: 'format' (letters,
 * length for its country) or 'checksum' (the 2-digit key does not match).
 */
export function ibanProblem(iban: string): 'format' | 'checksum' | undefined {
  const value = normalizeIban(iban);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(value)) return 'format';
  const expected = IBAN_LENGTHS[value.slice(0, 2)];
  if (expected !== undefined && value.length !== expected) return 'format';
  return ibanMod97(value) === 1 ? undefined : 'checksum';
}

/** mod-97 checksum and, for known countries (FR: 27 characters), the length; spaces and case ignored. */
export function isValidIban(iban: string): boolean {
  return ibanProblem(iban) === undefined;
}

/** The i18n key that says what is wrong with an IBAN ('err.iban' or 'err.ibanChecksum'), or undefined. */
export function ibanErrorKey(iban: string): 'err.iban' | 'err.ibanChecksum' | undefined {
  const problem = ibanProblem(iban);
  return problem === 'format' ? 'err.iban' : problem === 'checksum' ? 'err.ibanChecksum' : undefined;
}

/** `FR76 3000 6000 0112 3456 7890 189` for reading on paper. */
export function formatIban(iban: string): string {
  return normalizeIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}

export const EPC_MAX_BYTES = 331;
export const EPC_MAX_NAME = 70;
export const EPC_MAX_REMITTANCE = 140;
/** 999 999 999,99 €: the largest amount the format allows. */
export const EPC_MAX_AMOUNT: Cents = 99_999_999_999;

/** `EUR504.00`: dot decimal, always two decimals, no thousands separator. */
export function epcAmount(amount: Cents): string {
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > EPC_MAX_AMOUNT) {
    throw new EpcError('err.epcAmount');
  }
  return `EUR${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
}

/** One line of text: NFC, no line breaks or control characters (they would shift every later field). */
function field(text: string): string {
  return text.normalize('NFC').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

export type EpcInput = {
  /** The beneficiary: the CAE's legal name (or the account holder). */
  name: string;
  iban: string;
  /** Optional in version 002. */
  bic: string;
  /** Incl. VAT, in cents: 0,01 € to 999 999 999,99 €. */
  amount: Cents;
  /** Unstructured remittance text, e.g. `Solde F-2026-0001`. */
  remittance: string;
};

/**
 * The payload: BCD / 002 / 1 (UTF-8) / SCT / BIC / name / IBAN / EUR amount /
 * purpose (empty) / structured reference (empty) / remittance text. The
 * optional 12th line (a note to the payer) is left out.
 */
export function epcPayload(input: EpcInput): string {
  const iban = normalizeIban(input.iban);
  const ibanKey = ibanErrorKey(iban);
  if (ibanKey) throw new EpcError(ibanKey);
  const bic = input.bic.replace(/\s/g, '').toUpperCase();
  if (bic !== '' && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) throw new EpcError('err.bic');
  const name = field(input.name);
  if (name === '') throw new EpcError('err.epcName', { max: EPC_MAX_NAME });
  if ([...name].length > EPC_MAX_NAME) throw new EpcError('err.epcName', { max: EPC_MAX_NAME });
  const remittance = field(input.remittance);
  if ([...remittance].length > EPC_MAX_REMITTANCE) throw new EpcError('err.epcRemittance', { max: EPC_MAX_REMITTANCE });
  const payload = ['BCD', '002', '1', 'SCT', bic, name, iban, epcAmount(input.amount), '', '', remittance].join('\n');
  const bytes = new TextEncoder().encode(payload).length;
  if (bytes > EPC_MAX_BYTES) throw new EpcError('err.epcTooLong', { max: EPC_MAX_BYTES, bytes });
  return payload;
}
