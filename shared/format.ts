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
const decimal3 = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 3 });
const decimal2 = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const dateFmt = new Intl.DateTimeFormat(LOCALE, {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
});

/** 123450 → "1 234,50 €" (U+202F thousands, U+00A0 before €). */
export function formatMoney(cents: Cents): string {
  return euro.format(cents / 100);
}

/** 123450 → "1 234,50" without the currency sign (keypad displays, CSV). */
export function formatAmount(cents: Cents): string {
  return new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    cents / 100,
  );
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

/** ISO instant → "14:05" in the given time zone. */
export function formatTime(instant: string, timeZone = 'Europe/Paris'): string {
  return new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', timeZone }).format(
    new Date(instant),
  );
}

/** ISO instant → "22/11/2026 14:05" in the given time zone. */
export function formatDateTime(instant: string, timeZone = 'Europe/Paris'): string {
  return new Intl.DateTimeFormat(LOCALE, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(instant));
}

/** Business day ('YYYY-MM-DD') of an instant in the co-op's time zone. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function businessDay(instant: string, timeZone = 'Europe/Paris'): string {
  // Formatters are costly to build and this runs on every sale.
  let fmt = dayFormats.get(timeZone);
  if (!fmt) {
    // en-CA formats dates as YYYY-MM-DD.
    fmt = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
    dayFormats.set(timeZone, fmt);
  }
  return fmt.format(new Date(instant));
}

/** Narrow and plain no-break spaces to ASCII spaces, for printers. */
export function plainSpaces(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, ' ');
}
