import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { isMessageKey, translate, type Locale, type MessageKey } from './messages';

interface I18n {
  locale: Locale;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** Message for an error code from main, falling back to the generic one. */
  errorText: (code: string, message: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo<I18n>(() => {
    const t: I18n['t'] = (key, vars) => translate(locale, key, vars);
    return {
      locale,
      t,
      errorText: (code, message) => {
        const key = `error.${code}`;
        return isMessageKey(key) ? t(key) : t('error.generic', { message });
      },
    };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
