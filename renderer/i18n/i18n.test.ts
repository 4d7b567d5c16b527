import { describe, expect, it } from 'vitest';
import { catalogue, i18n, initI18n, LANGUAGES } from './i18n';

function flat(lang: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === 'string') out.set(prefix, node);
    else if (typeof node === 'object' && node) for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    else out.set(prefix, String(node));
  };
  walk(catalogue(lang), '');
  return out;
}

const SUFFIX = /_(zero|one|two|few|many|other)$/;

/**
 * The keys a language must have for the French keys: a plain key as is; a
 * plural family (French "x_one" + "x_other") as one key per plural category
 * the language's grammar has (i18next picks "x_" + Intl.PluralRules(lang)):
 * English x_one/x_other, Arabic x_zero/x_one/x_two/x_few/x_many/x_other.
 */
function expectedKeys(source: Map<string, string>, lang: string): string[] {
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  const out = new Set<string>();
  for (const key of source.keys()) {
    if (SUFFIX.test(key)) {
      const base = key.replace(SUFFIX, '');
      for (const category of categories) out.add(`${base}_${category}`);
    } else out.add(key);
  }
  return [...out].sort();
}

/** The French key whose placeholders a translated key must carry. */
function sourceKey(source: Map<string, string>, key: string): string {
  if (source.has(key) || !SUFFIX.test(key)) return key;
  return `${key.replace(SUFFIX, '')}_other`;
}

const holes = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();

describe('message catalogues', () => {
  const fr = flat('fr');
  const others = LANGUAGES.filter((l) => l.code !== 'fr').map((l) => l.code);

  it('French, the source, is not empty', () => {
    expect(fr.size).toBeGreaterThan(50);
  });

  it('French plural families have both _one and _other', () => {
    for (const key of fr.keys()) {
      if (!SUFFIX.test(key)) continue;
      const base = key.replace(SUFFIX, '');
      expect(fr.has(`${base}_one`) && fr.has(`${base}_other`), key).toBe(true);
    }
  });

  it('Arabic needs six plural forms (the rule the parity check follows)', () => {
    expect(new Intl.PluralRules('ar').resolvedOptions().pluralCategories.sort()).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
    expect(expectedKeys(new Map([['a.n_one', ''], ['a.n_other', ''], ['a.b', '']]), 'ar')).toEqual([
      'a.b',
      'a.n_few',
      'a.n_many',
      'a.n_one',
      'a.n_other',
      'a.n_two',
      'a.n_zero',
    ]);
  });

  it.each(others)('%s translates every French key, with each plural form its grammar needs', (code) => {
    expect([...flat(code).keys()].sort()).toEqual(expectedKeys(fr, code));
  });

  it.each(others)('%s has no empty message', (code) => {
    for (const [key, text] of flat(code)) expect(text.trim(), `${code}:${key}`).not.toBe('');
  });

  it('uses the same {{placeholders}} in every language', () => {
    for (const { code } of LANGUAGES) {
      for (const [key, text] of flat(code)) {
        const expected = holes(fr.get(sourceKey(fr, key)) ?? '');
        if (SUFFIX.test(key)) {
          // A plural form may say its number in words ("one piece", Arabic
          // dual "two pieces") and leave {{count}} out; every other hole stays.
          const others = (list: string[]) => list.filter((h) => h !== '{{count}}');
          expect(others(holes(text)), `${code}:${key}`).toEqual(others(expected));
        } else {
          expect(holes(text), `${code}:${key}`).toEqual(expected);
        }
      }
    }
  });
});

describe('values inside a sentence', () => {
  it('keep their own direction in Arabic (isolated), and are untouched in French', async () => {
    await initI18n();
    await i18n.changeLanguage('ar');
    // 2,00 € stays "2,00 €" inside the right-to-left sentence: first-strong isolate … pop.
    expect(i18n.t('checkout.missing', { amount: '2,00\u202f€' })).toBe('ينقص \u20682,00\u202f€\u2069');
    expect(i18n.t('history.tickets', { count: 2 })).toBe('بيعتان');
    expect(i18n.t('history.tickets', { count: 5 })).toBe('\u20685\u2069 بيعات');
    await i18n.changeLanguage('fr');
    expect(i18n.t('checkout.missing', { amount: '2,00\u202f€' })).toBe('Il manque 2,00\u202f€');
    expect(i18n.t('history.tickets', { count: 5 })).toBe('5 ventes');
  });
});
