/**
 * The payout forms as typed (charges, stall shifts, the period, the mix of
 * rules) and how they become repository input. Like the other drafts:
 * nothing throws, a refusal names each field with an i18n key, and the
 * typed text is kept.
 */
import { formatAmount, formatInteger } from '../../../shared/format';
import { divRound, parsePercent, parseQuantity } from '../../../shared/money';
import {
  chargeFormSchema,
  payoutPeriodSchema,
  payoutRuleSchema,
  shiftSchema,
  type Charge,
  type ChargeCategory,
  type ChargeForm,
  type PayoutPeriod,
  type PayoutRule,
} from '../../../shared/schemas';
import { check, type Checked } from '../../ui/checked';
import { typedMoney } from '../stock/drafts';

export const CATEGORY_ICONS: Record<ChargeCategory, string> = {
  stallFee: '🎪',
  materials: '🧵',
  transport: '🚐',
  packaging: '📦',
  other: '🧾',
};

// ---------------------------------------------------------------- charges

export type ChargeDraft = {
  day: string;
  label: string;
  category: ChargeCategory;
  amount: string;
  vatRate: number;
  /** '' = the co-op paid. */
  paidBy: string;
  eventId: string;
  photo: string;
};

export function emptyChargeDraft(day: string, eventId = ''): ChargeDraft {
  return { day, label: '', category: 'stallFee', amount: '', vatRate: 2000, paidBy: '', eventId, photo: '' };
}

export function chargeDraftFrom(charge: Charge): ChargeDraft {
  return {
    day: charge.day,
    label: charge.label,
    category: charge.category,
    amount: formatAmount(charge.amount),
    vatRate: charge.vatRate,
    paidBy: charge.paidBy ?? '',
    eventId: charge.eventId ?? '',
    photo: charge.photo ?? '',
  };
}

export function checkCharge(draft: ChargeDraft): Checked<ChargeForm> {
  const extra: Record<string, string> = {};
  const amount = typedMoney(draft.amount);
  if (amount.problem) extra.amount = amount.problem;
  const form: ChargeForm = {
    day: draft.day,
    label: draft.label,
    category: draft.category,
    amount: amount.value,
    vatRate: draft.vatRate,
    ...(draft.paidBy ? { paidBy: draft.paidBy } : {}),
    ...(draft.eventId ? { eventId: draft.eventId } : {}),
    ...(draft.photo ? { photo: draft.photo } : {}),
  };
  const result = check(chargeFormSchema, form, extra);
  return result.ok ? { ok: true, value: form } : result;
}

// ---------------------------------------------------------------- shifts

/**
 * Hours as a person writes them: "6", "2,5", "1h30", "1 h 30", "0h45".
 * Returns whole minutes, or null when it is not readable.
 */
export function parseHours(text: string): number | null {
  const cleaned = text.trim().toLowerCase().replace(/[\s\u00a0\u202f]/g, '');
  const hm = /^(\d{1,2})h(\d{1,2})?(min)?$/.exec(cleaned);
  if (hm) {
    const minutes = Number(hm[2] ?? '0');
    if (minutes >= 60) return null;
    return Number(hm[1]) * 60 + minutes;
  }
  const milli = parseQuantity(cleaned);
  if (milli === null) return null;
  return divRound(milli * 60, 1000);
}

/** 390 → "6 h 30", 360 → "6 h", 45 → "45 min" (numbers through format.ts). */
export function formatHours(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (abs === 0) return `0\u00a0h`;
  if (h === 0) return `${sign}${formatInteger(m)}\u00a0min`;
  if (m === 0) return `${sign}${formatInteger(h)}\u00a0h`;
  return `${sign}${formatInteger(h)}\u00a0h\u00a0${String(m).padStart(2, '0')}`;
}

export type ShiftDraft = { memberId: string; day: string; hours: string; eventId: string };
export type ShiftInput = { memberId: string; day: string; minutes: number; eventId?: string };

const shiftFormSchema = shiftSchema.pick({ memberId: true, day: true, minutes: true, eventId: true });

export function checkShift(draft: ShiftDraft): Checked<ShiftInput> {
  const extra: Record<string, string> = {};
  if (!draft.memberId) extra.memberId = 'payout.shifts.whoMissing';
  let minutes = Number.NaN;
  if (draft.hours.trim() === '') extra.minutes = 'err.required';
  else {
    const parsed = parseHours(draft.hours);
    if (parsed === null) extra.minutes = 'payout.shifts.hoursUnreadable';
    else minutes = parsed;
  }
  const input: ShiftInput = { memberId: draft.memberId, day: draft.day, minutes, ...(draft.eventId ? { eventId: draft.eventId } : {}) };
  const result = check(shiftFormSchema, { ...input, memberId: draft.memberId || 'none' }, extra);
  return result.ok ? { ok: true, value: input } : result;
}

// ---------------------------------------------------------------- period and rules

export type PeriodDraft = { from: string; to: string; eventIds: string[] };

export function checkPeriod(draft: PeriodDraft): Checked<PayoutPeriod> {
  return check(payoutPeriodSchema, draft);
}

export type MixDraft = { equal: string; hours: string; made: string };

export const MIX_FIELDS = ['equal', 'hours', 'made'] as const;

/** The mix typed as three percentages; refused unless they sum to exactly 100 %. */
export function checkMix(draft: MixDraft): Checked<PayoutRule> & { sumBp: number | null } {
  const extra: Record<string, string> = {};
  const bp: Record<(typeof MIX_FIELDS)[number], number> = { equal: Number.NaN, hours: Number.NaN, made: Number.NaN };
  for (const field of MIX_FIELDS) {
    const text = draft[field].trim();
    const value = text === '' ? 0 : parsePercent(text);
    if (value === null) extra[field] = 'payout.mix.unreadable';
    else if (value > 10000) extra[field] = 'err.percentMax';
    else bp[field] = value;
  }
  const known = MIX_FIELDS.every((f) => Number.isFinite(bp[f]));
  const sumBp = known ? bp.equal + bp.hours + bp.made : null;
  if (sumBp !== null && sumBp !== 10000) extra.sum = 'err.sharesSum';
  const rule: PayoutRule = { kind: 'mix', equalBp: bp.equal, hoursBp: bp.hours, madeBp: bp.made };
  const result = check(payoutRuleSchema, rule, extra);
  return result.ok ? { ok: true, value: rule, sumBp } : { ...result, sumBp };
}
