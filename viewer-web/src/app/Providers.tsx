import { useState, type ReactNode } from 'react';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { createApiClient, type ApiClient } from '../lib/api';
import { ApiContext } from '../lib/api-context';
import { createI18n } from '../lib/i18n';
import { AuthProvider } from '../features/auth/AuthProvider';
import type { AuthSession } from '../features/auth/auth-session';

export interface ProvidersProps {
  children: ReactNode;
  /** Tests inject their own instances; the app creates one of each for its lifetime. */
  api?: ApiClient;
  i18n?: i18n;
  auth?: AuthSession;
}

export function Providers({ children, api, i18n, auth }: ProvidersProps) {
  const [apiClient] = useState(() => api ?? createApiClient());
  const [i18nInstance] = useState(() => i18n ?? createI18n());
  return (
    <I18nextProvider i18n={i18nInstance}>
      <ApiContext.Provider value={apiClient}>
        <AuthProvider session={auth}>{children}</AuthProvider>
      </ApiContext.Provider>
    </I18nextProvider>
  );
}
