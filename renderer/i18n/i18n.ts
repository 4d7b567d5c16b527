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
  { code: 'fr', label: 'Français', dir: 'ltr' },
  { code: 'en', label: 'English', dir: 'ltr' },
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
    interpolation: { escapeValue: false },
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
