/**
 * Interface languages. French is the source catalogue; English is complete;
 * a language is added by dropping a catalogue in locales/ and listing it here
 * with its direction (Arabic will be 'rtl': the whole layout uses logical CSS
 * properties, so it mirrors by setting <html dir>).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

// One catalogue file per area and language (locales/<lang>/<area>.json, each
// holding `{ "<area>": { ... } }`), so features own their words.
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

export function catalogue(lang: string): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [path, content] of Object.entries(files)) {
    if (path.startsWith(`./locales/${lang}/`)) Object.assign(merged, content);
  }
  return merged;
}

export const LANGUAGES = [
  { code: 'fr', label: 'Français', short: 'FR', dir: 'ltr' },
  { code: 'en', label: 'English', short: 'EN', dir: 'ltr' },
  { code: 'ar', label: 'العربية', short: 'العربية', dir: 'rtl' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'etal.language';

function storedLanguage(): LanguageCode {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return LANGUAGES.some((l) => l.code === value) ? (value as LanguageCode) : 'fr';
  } catch {
    return 'fr';
  }
}

/** Unicode first-strong isolate / pop directional isolate. */
const FSI = '\u2068';
const PDI = '\u2069';

function isRightToLeft(): boolean {
  return LANGUAGES.find((l) => l.code === i18n.language)?.dir === 'rtl';
}

/**
 * In a right-to-left language every value put into a sentence (an amount
 * "12,50 €", a name, a date) is isolated, so it keeps its own direction:
 * numbers stay written the French way ("12,50 €", not "€ 12,50") and a
 * Latin-script name does not pull the Arabic words around it out of order.
 * Left-to-right languages get the value untouched.
 */
export function isolateValue(value: string): string {
  return isRightToLeft() ? `${FSI}${value}${PDI}` : value;
}

function applyDocumentLanguage(code: string): void {
  if (typeof document === 'undefined') return;
  const lang = LANGUAGES.find((l) => l.code === code) ?? LANGUAGES[0];
  document.documentElement.lang = lang.code;
  document.documentElement.dir = lang.dir;
}

export const i18n = i18next.createInstance();

export async function initI18n(): Promise<void> {
  await i18n.use(initReactI18next).init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l.code, { translation: catalogue(l.code) }])),
    lng: storedLanguage(),
    fallbackLng: 'fr',
    // escape is only used to isolate values in right-to-left languages: React
    // escapes HTML itself.
    interpolation: { escapeValue: true, escape: (value: string) => isolateValue(String(value)) },
    returnNull: false,
  });
  applyDocumentLanguage(i18n.language);
  i18n.on('languageChanged', applyDocumentLanguage);
}

export async function setLanguage(code: LanguageCode): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, code);
  } catch {
    // Private mode or full storage: the choice lasts for this session only.
  }
  await i18n.changeLanguage(code);
}
