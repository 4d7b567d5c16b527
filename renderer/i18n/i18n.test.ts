import { describe, expect, it } from 'vitest';
import { catalogue, LANGUAGES } from './i18n';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('message catalogues', () => {
  const fr = keys(catalogue('fr')).sort();

  it('French, the source, is not empty', () => {
    expect(fr.length).toBeGreaterThan(50);
  });

  it.each(LANGUAGES.filter((l) => l.code !== 'fr').map((l) => l.code))('%s has exactly the French keys', (code) => {
    expect(keys(catalogue(code)).sort()).toEqual(fr);
  });

  it('uses the same {{placeholders}} in every language', () => {
    const flat = (lang: string) => {
      const out = new Map<string, string>();
      const walk = (node: unknown, prefix: string) => {
        if (typeof node === 'string') out.set(prefix, node);
        else if (typeof node === 'object' && node) for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
      };
      walk(catalogue(lang), '');
      return out;
    };
    const source = flat('fr');
    for (const { code } of LANGUAGES) {
      for (const [key, text] of flat(code)) {
        const holes = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
        expect(holes(text), `${code}:${key}`).toEqual(holes(source.get(key) ?? ''));
      }
    }
  });
});
