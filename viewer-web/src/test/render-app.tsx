import type { User } from '@lait/shared';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppRoutes } from '../app/AppRoutes';
import { Providers } from '../app/Providers';
import type { AuthSession } from '../features/auth/auth-session';
import { ChatSocketContext, type ChatSocketFactory } from '../features/chat/chat-socket';
import { createI18n, type Language } from '../lib/i18n';
import { createTestSession } from './auth';

export interface RenderAppOptions {
  /** Signed in as this user (signed out by default), unless `auth` is given. */
  user?: User | null;
  auth?: AuthSession;
  /** Chat sockets (a fake from chat's test kit); the real Socket.IO client otherwise. */
  chatSockets?: ChatSocketFactory;
}

/** The whole app at `path`, with the default API client (so the global fetch stub applies). */
export function renderApp(path: string, language?: Language, options: RenderAppOptions = {}) {
  const auth = options.auth ?? createTestSession(options.user ?? null);
  const view = render(
    <Providers i18n={createI18n(language)} auth={auth}>
      <MemoryRouter initialEntries={[path]}>
        {options.chatSockets ? (
          <ChatSocketContext.Provider value={options.chatSockets}>
            <AppRoutes />
          </ChatSocketContext.Provider>
        ) : (
          <AppRoutes />
        )}
      </MemoryRouter>
    </Providers>,
  );
  return { ...view, auth };
}
