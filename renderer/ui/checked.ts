/**
 * A draft checked into either a value ready to save or the problems to show
 * next to each field. Nothing here throws on bad input, and the draft itself
 * is never touched, so a refusal never loses what was typed.
 */
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { fieldErrors, type FieldErrors } from './forms';

/** A zod refusal plus checks zod cannot make on the typed text; `extra` maps a field path to an i18n key. */
export type Problems = { zod: z.ZodError | undefined; extra: Record<string, string> };

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problems };

/** Validates `input` with `schema`; `extra` problems (path → i18n key) fail it too. */
export function check<S extends z.ZodType>(schema: S, input: unknown, extra: Record<string, string> = {}): Checked<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success && Object.keys(extra).length === 0) return { ok: true, value: result.data };
  return { ok: false, problems: { zod: result.success ? undefined : result.error, extra } };
}

/** One translated sentence per field path; the extra checks win over zod's for the same field. */
export function messages(checked: Checked<unknown> | null, t: TFunction): FieldErrors {
  if (!checked || checked.ok) return {};
  const out: FieldErrors = checked.problems.zod ? fieldErrors(checked.problems.zod, t) : {};
  for (const [path, key] of Object.entries(checked.problems.extra)) out[path] = t(key);
  return out;
}

/** The errors under `prefix` ("members.2."), with the prefix removed. */
export function subErrors(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = message;
  }
  return out;
}
