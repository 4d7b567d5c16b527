import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n/i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('common.language')}>
      {LANGUAGES.map((l) => (
        <button
          key={l.code}
          type="button"
          lang={l.code}
          dir={l.dir}
          title={l.label}
          className={i18n.language === l.code ? 'lang lang-active' : 'lang'}
          onClick={() => void setLanguage(l.code)}
          aria-pressed={i18n.language === l.code}
          data-testid={`lang-${l.code}`}
        >
          {l.short}
        </button>
      ))}
    </div>
  );
}
