/**
 * Turns a zod refusal into one sentence per field, in the user's language.
 * Schemas carry i18n keys ("err.*") as messages; zod's own codes get a
 * generic but plain sentence.
 */
import type { TFunction } from 'i18next';
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

function messageFor(issue: z.core.$ZodIssue, t: TFunction): string {
  if (issue.message.startsWith('err.')) {
    const max = 'maximum' in issue ? Number(issue.maximum) : undefined;
    return t(issue.message, { max });
  }
  switch (issue.code) {
    case 'too_small':
      return t('err.required');
    case 'too_big':
      return t('err.tooLong', { max: Number(issue.maximum) });
    case 'invalid_type':
      return t('err.required');
    default:
      return t('err.invalid');
  }
}

/** Keys are dotted paths ("cae.siret", "members.2.firstName"); the first problem per field wins. */
export function fieldErrors(error: z.ZodError, t: TFunction): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    out[key] ??= messageFor(issue, t);
  }
  return out;
}
