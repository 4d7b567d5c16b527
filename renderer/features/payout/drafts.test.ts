import { describe, expect, it } from 'vitest';
import { checkCharge, checkMix, checkPeriod, checkShift, emptyChargeDraft, formatHours, parseHours } from './drafts';

describe('hours as people write them', () => {
  it.each([
    ['6', 360],
    ['2,5', 150],
    ['2.5', 150],
    ['1h30', 90],
    ['1 h 30', 90],
    ['0h45', 45],
    ['3h', 180],
    ['0,25', 15],
  ])('%s → %i min', (text, minutes) => {
    expect(parseHours(text)).toBe(minutes);
  });

  it.each(['', 'six', '1h75', '-2', '1,2345'])('refuses %j', (text) => {
    expect(parseHours(text)).toBeNull();
  });

  it('writes minutes back as hours', () => {
    expect(formatHours(390)).toBe('6\u00a0h\u00a030');
    expect(formatHours(360)).toBe('6\u00a0h');
    expect(formatHours(45)).toBe('45\u00a0min');
    expect(formatHours(65)).toBe('1\u00a0h\u00a005');
    expect(formatHours(0)).toBe('0\u00a0h');
  });
});

describe('a stall shift', () => {
  it('needs someone, a day and readable hours', () => {
    const bad = checkShift({ memberId: '', day: '2026-11-22', hours: 'beaucoup', eventId: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.extra).toEqual({ memberId: 'payout.shifts.whoMissing', minutes: 'payout.shifts.hoursUnreadable' });
    expect(checkShift({ memberId: 'm1', day: '2026-11-22', hours: '', eventId: '' }).ok).toBe(false);
    expect(checkShift({ memberId: 'm1', day: '2026-11-22', hours: '30', eventId: '' }).ok).toBe(false);
    expect(checkShift({ memberId: 'm1', day: '2026-11-22', hours: '6', eventId: 'e1' })).toEqual({ ok: true, value: { memberId: 'm1', day: '2026-11-22', minutes: 360, eventId: 'e1' } });
  });
});

describe('a charge', () => {
  it('is refused with a reason per field', () => {
    const draft = { ...emptyChargeDraft('2026-11-22'), label: ' ', amount: '' };
    const result = checkCharge(draft);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.extra.amount).toBe('err.required');
      expect(result.problems.zod?.issues.map((i) => i.path.join('.'))).toContain('label');
    }
    const zero = checkCharge({ ...draft, label: 'Place', amount: '0' });
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.problems.zod?.issues[0]?.message).toBe('err.amountZero');
  });

  it('keeps who paid and the event only when chosen', () => {
    const result = checkCharge({ ...emptyChargeDraft('2026-11-22'), label: 'Ruban', category: 'materials', amount: '45,50', paidBy: 'm2' });
    expect(result).toEqual({ ok: true, value: { day: '2026-11-22', label: 'Ruban', category: 'materials', amount: 4550, vatRate: 2000, paidBy: 'm2' } });
  });
});

describe('the mix of rules', () => {
  it('accepts shares summing to 100 %', () => {
    const result = checkMix({ equal: '50', hours: '', made: '50' });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toEqual({ kind: 'mix', equalBp: 5000, hoursBp: 0, madeBp: 5000 });
    expect(checkMix({ equal: '33,33', hours: '33,33', made: '33,34' }).ok).toBe(true);
  });

  it('refuses shares that do not sum to 100 %, saying so', () => {
    const result = checkMix({ equal: '50', hours: '30', made: '10' });
    expect(result.ok).toBe(false);
    expect(result.sumBp).toBe(9000);
    if (!result.ok) expect(result.problems.extra.sum).toBe('err.sharesSum');
    expect(checkMix({ equal: '60', hours: '30', made: '20' }).ok).toBe(false);
  });

  it('refuses unreadable or too big shares', () => {
    const result = checkMix({ equal: 'moitié', hours: '0', made: '150' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.extra).toMatchObject({ equal: 'payout.mix.unreadable', made: 'err.percentMax' });
  });
});

describe('the period', () => {
  it('refuses an end before the start', () => {
    const result = checkPeriod({ from: '2026-11-30', to: '2026-11-01', eventIds: [] });
    expect(result.ok).toBe(false);
    expect(checkPeriod({ from: '2026-11-01', to: '2026-11-30', eventIds: [] }).ok).toBe(true);
  });
});
