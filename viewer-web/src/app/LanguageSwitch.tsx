import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage, switchLanguage } from '../lib/i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'ko';
  return (
    <div className="lang-switch" role="group" data-testid="lang-switch" aria-label={t('app.language')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className="lang-switch__option"
          aria-pressed={current === lng}
          onClick={() => void switchLanguage(i18n, lng)}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </div>
  );
}
