import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ko } from '../i18n/ko';
import { errorMessageKey } from './error-message';

/** `(err) => message` in the current language, specific to the server's error code. */
export function useErrorMessage(): (err: unknown) => string {
  const { t } = useTranslation();
  return useCallback((err: unknown) => t(errorMessageKey(err, ko.errors)), [t]);
}
