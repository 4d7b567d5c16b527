/**
 * The one place numbers become text for people.
 *
 * Amounts and quantities are always written the French way (1 234,50 €,
 * 1,5 m, 22/11/2026) whatever the interface language: the till is in France,
 * prices on the stall's signs are French, and the CAE's accountant reads
 * French figures. Receipts go through `plainSpaces` because thermal printers'
 * code pages have neither U+202F nor U+00A0.
 */
import type { BasisPoints, Cents, Milli } from './money';

const LOCALE = 'fr-FR';

const euro = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'EUR' });
// Built once: constructing a formatter costs far more than formatting, and
// an archive or a payout export formats hundreds of thousands of amounts.
const amount2 = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const decimal3 = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 3 });
const decimal2 = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const dateFmt = new Intl.DateTimeFormat(LOCALE, {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * Cents as an exact decimal literal ("-1234.05"): Intl formats such strings
 * without going through a double, so `cents / 100` cannot lose the last cent
 * of a season-sized total (beyond about 2^53 / 100 it would).
 */
function centsLiteral(cents: Cents): Intl.StringNumericLiteral | number {
  // Not a whole number of cents (an average, say): the double is all there is.
  if (!Number.isInteger(cents)) return cents / 100;
  const negative = cents < 0 || Object.is(cents, -0);
  const digits = BigInt(Math.abs(cents)).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}` as Intl.StringNumericLiteral;
}

/** 123450 → "1 234,50 €" (U+202F thousands, U+00A0 before €). */
export function formatMoney(cents: Cents): string {
  return euro.format(centsLiteral(cents));
}

/** 123450 → "1 234,50" without the currency sign (keypad displays, CSV). */
export function formatAmount(cents: Cents): string {
  return amount2.format(centsLiteral(cents));
}

/** 1500 → "1,5" */
export function formatQuantity(milli: Milli): string {
  return decimal3.format(milli / 1000);
}

/** 550 → "5,5" (a percentage without its sign, for inputs). */
export function formatPercentNumber(bp: BasisPoints): string {
  return decimal2.format(bp / 100);
}

/** 550 → "5,5 %" */
export function formatRate(bp: BasisPoints): string {
  return `${formatPercentNumber(bp)}\u00a0%`;
}

export function formatInteger(n: number): string {
  return integer.format(n);
}

/** '2026-11-22' → "22/11/2026" */
export function formatDay(day: string): string {
  return dateFmt.format(new Date(`${day}T00:00:00Z`));
}

/** '2026-11' → "11/2026" (a month closing's period). */
export function formatMonth(month: string): string {
  const [year, mm] = month.split('-');
  return `${mm ?? ''}/${year ?? ''}`;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per time zone, built on first use: building one costs far more than using it, and lists format a time per row. */
function cachedFormat(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions, locale = LOCALE): Intl.DateTimeFormat {
  let fmt = cache.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    cache.set(timeZone, fmt);
  }
  return fmt;
}

/** ISO instant → "14:05" in the given time zone. */
export function formatTime(instant: string, timeZone = 'Europe/Paris'): string {
  return cachedFormat(timeFormats, timeZone, { hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
}

/** ISO instant → "22/11/2026 14:05" in the given time zone. */
export function formatDateTime(instant: string, timeZone = 'Europe/Paris'): string {
  return cachedFormat(dateTimeFormats, timeZone, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
}

/** Business day ('YYYY-MM-DD') of an instant in the co-op's time zone. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function businessDay(instant: string, timeZone = 'Europe/Paris'): string {
  // en-CA formats dates as YYYY-MM-DD.
  return cachedFormat(dayFormats, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA').format(new Date(instant));
}

/** Narrow and plain no-break spaces to ASCII spaces, for printers. */
export function plainSpaces(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, ' ');
}
