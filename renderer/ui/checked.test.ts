import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { coopFormSchema } from '../../shared/schemas';
import { check, messages, subErrors } from './checked';

// Messages come back as their keys, so the tests read which sentence is shown.
const t = ((key: string) => key) as unknown as TFunction;

describe('errors per field', () => {
  it('names the CAE field that is wrong', () => {
    const r = check(coopFormSchema.pick({ cae: true }), {
      cae: { name: 'Coop', address: '1 rue', siret: '44312345600017', vatNumber: 'FR27443123456' },
    });
    expect(messages(r, t)).toEqual({ 'cae.siret': 'err.siretChecksum' });
  });

  it('lets extra checks fail a valid input', () => {
    const r = check(coopFormSchema.pick({ tillName: true }), { tillName: 'Caisse 1' }, { contributionBp: 'settings.errPercent' });
    expect(r.ok).toBe(false);
    expect(messages(r, t)).toEqual({ contributionBp: 'settings.errPercent' });
  });

  it('picks one row’s errors out of a list', () => {
    expect(subErrors({ 'members.0.firstName': 'a', 'members.1.firstName': 'b', 'members.1.color': 'c', members: 'd' }, 'members.1.')).toEqual({
      firstName: 'b',
      color: 'c',
    });
  });
});
