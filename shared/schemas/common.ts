/**
 * Building blocks for every schema. Messages are i18n keys ("err.*"): the
 * renderer translates them, so a refusal reads in the user's language and
 * names the field it belongs to.
 */
import { z } from 'zod';
import { VAT_RATES } from '../money';

export const id = z.string().min(1).max(64);

export const cents = z
  .number({ error: 'err.amount' })
  .int({ error: 'err.amount' })
  .refine(Number.isSafeInteger, { error: 'err.amount' });

export const positiveCents = cents.refine((v) => v >= 0, { error: 'err.amountNegative' });

/** 100 000 €: above it, a typing slip (an extra zero or two), never a stall's price. */
export const MAX_AMOUNT = 10_000_000;

/** A price or cost a person typed: not negative and not absurd. */
export const typedCents = positiveCents.refine((v) => v <= MAX_AMOUNT, { error: 'err.amountTooBig' });

export const milli = z
  .number({ error: 'err.quantity' })
  .int({ error: 'err.quantityDecimals' })
  .refine(Number.isSafeInteger, { error: 'err.quantity' });

/** A quantity that cannot go below zero (a purchase, a recipe line, a count). */
export const positiveMilli = milli.refine((v) => v >= 0, { error: 'err.quantityNegative' });

/** One of the French rates, in basis points (20 %, 10 %, 5,5 %, 2,1 %, 0 %). */
export const vatRate = z
  .number({ error: 'err.vatRate' })
  .int({ error: 'err.vatRate' })
  .refine((v) => VAT_RATES.includes(v), { error: 'err.vatRate' });

export const basisPoints = z.number().int().min(0).max(10000, { error: 'err.percentMax' });

/** Trimmed, required, bounded free text. */
export function text(max: number) {
  return z
    .string({ error: 'err.required' })
    .trim()
    .min(1, { error: 'err.required' })
    .max(max, { error: 'err.tooLong' });
}

/** Trimmed optional text: empty becomes ''. */
export function optionalText(max: number) {
  return z.string().trim().max(max, { error: 'err.tooLong' }).default('');
}

export const instant = z.iso.datetime({ error: 'err.date' });
export const day = z.iso.date({ error: 'err.date' });

export const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'err.color' });

/** Small images kept inline (product pictures, member photos). */
export const imageDataUrl = z
  .string()
  .regex(/^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/, { error: 'err.image' })
  .max(400_000, { error: 'err.imageTooBig' });

/** SIRET: 14 digits with a Luhn checksum (La Poste's establishments excepted). */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith('356000000')) {
    const sum = [...value].reduce((a, d) => a + Number(d), 0);
    return sum % 5 === 0;
  }
  let sum = 0;
  for (let i = 0; i < 14; i += 1) {
    let d = Number(value[13 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** French intra-EU VAT number: FR + 2-digit key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
export function isValidFrenchVat(value: string): boolean {
  const m = /^FR(\d{2})(\d{9})$/.exec(value);
  if (!m) return false;
  const key = Number(m[1]);
  const siren = Number(m[2]);
  return key === (12 + 3 * (siren % 97)) % 97;
}

export const siret = z
  .string({ error: 'err.required' })
  .transform((v) => v.replace(/\s/g, ''))
  .refine((v) => v.length > 0, { error: 'err.required' })
  .refine((v) => /^\d{14}$/.test(v), { error: 'err.siretFormat' })
  .refine(isValidSiret, { error: 'err.siretChecksum' });

export const vatNumber = z
  .string({ error: 'err.required' })
  .transform((v) => v.replace(/\s/g, '').toUpperCase())
  .refine((v) => v.length > 0, { error: 'err.required' })
  .refine((v) => /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(v), { error: 'err.vatFormat' })
  .refine((v) => !v.startsWith('FR') || isValidFrenchVat(v), { error: 'err.vatChecksum' });
