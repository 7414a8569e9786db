import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppRoutes } from '../app/AppRoutes';
import { Providers } from '../app/Providers';
import { createI18n, type Language } from '../lib/i18n';

/** The whole app at `path`, with the default API client (so the global fetch stub applies). */
export function renderApp(path: string, language?: Language) {
  return render(
    <Providers i18n={createI18n(language)}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </Providers>,
  );
}
