/**
 * The group's charges (expenses) and members' stall shifts. Material
 * purchases stay in `purchases` (they move stock); the payout reads both
 * through chargesFrom(), so each purchase counts once.
 */
import type { z } from 'zod';
import {
  chargeFormSchema,
  chargeSchema,
  shiftSchema,
  type Charge,
  type ChargeForm,
  type PayoutPeriod,
  type Shift,
} from '../../shared/schemas';
import { newId, nowIso, type EtalDb } from './db';

/** A refusal the screen shows as it is: `key` is an i18n key ("err.*" or "payout.err.*"). */
export class ChargeError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'ChargeError';
  }
}

function parseOrRefuse<T>(result: z.ZodSafeParseResult<T>): T {
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ChargeError(issue?.message ?? 'err.required', issue ? { field: issue.path.join('.') } : {});
}

/**
 * Whether a record of `day` (tagged with `eventId`, if any) belongs to the
 * period: inside the date range and, when the period names events, not
 * tagged with another event (untagged records of the range count).
 */
export function inPayoutPeriod(period: PayoutPeriod | undefined, day: string, eventId?: string): boolean {
  if (!period) return true;
  if (day < period.from || day > period.to) return false;
  return period.eventIds.length === 0 || eventId === undefined || period.eventIds.includes(eventId);
}

async function checkRefs(db: EtalDb, input: { memberId?: string | undefined; eventId?: string | undefined }): Promise<void> {
  if (input.memberId && !(await db.members.get(input.memberId))) throw new ChargeError('payout.err.unknownMember');
  if (input.eventId && !(await db.events.get(input.eventId))) throw new ChargeError('payout.err.unknownEvent');
}

/** Creates a charge, or updates charge `id` (its creation date kept). */
export async function saveCharge(db: EtalDb, form: ChargeForm, id?: string): Promise<Charge> {
  const parsed = parseOrRefuse(chargeFormSchema.safeParse(form));
  await checkRefs(db, { memberId: parsed.paidBy, eventId: parsed.eventId });
  return db.transaction('rw', db.charges, async () => {
    const existing = id ? await db.charges.get(id) : undefined;
    if (id && !existing) throw new ChargeError('payout.err.notFound');
    const now = nowIso();
    const charge = parseOrRefuse(
      chargeSchema.safeParse({
        ...parsed,
        id: existing?.id ?? newId(),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      }),
    );
    await db.charges.put(charge);
    return charge;
  });
}

export async function deleteCharge(db: EtalDb, id: string): Promise<void> {
  await db.charges.delete(id);
}

/** Charges, newest day first (within the period when given). */
export async function listCharges(db: EtalDb, period?: PayoutPeriod): Promise<Charge[]> {
  const all = period ? await db.charges.where('day').between(period.from, period.to, true, true).toArray() : await db.charges.toArray();
  return all
    .filter((c) => inPayoutPeriod(period, c.day, c.eventId))
    .sort((a, b) => (a.day !== b.day ? (a.day < b.day ? 1 : -1) : a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** Records hours a member held the stall. */
export async function saveShift(db: EtalDb, input: { memberId: string; day: string; minutes: number; eventId?: string | undefined }): Promise<Shift> {
  const shift = parseOrRefuse(
    shiftSchema.safeParse({
      id: newId(),
      memberId: input.memberId,
      day: input.day,
      minutes: input.minutes,
      ...(input.eventId ? { eventId: input.eventId } : {}),
      createdAt: nowIso(),
    }),
  );
  await checkRefs(db, { memberId: shift.memberId, eventId: shift.eventId });
  await db.shifts.add(shift);
  return shift;
}

export async function deleteShift(db: EtalDb, id: string): Promise<void> {
  await db.shifts.delete(id);
}

/** Shifts, newest day first (within the period when given). */
export async function listShifts(db: EtalDb, period?: PayoutPeriod): Promise<Shift[]> {
  const all = period ? await db.shifts.where('day').between(period.from, period.to, true, true).toArray() : await db.shifts.toArray();
  return all
    .filter((s) => inPayoutPeriod(period, s.day, s.eventId))
    .sort((a, b) => (a.day !== b.day ? (a.day < b.day ? 1 : -1) : a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
