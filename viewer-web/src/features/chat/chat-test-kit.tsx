import { render } from '@testing-library/react';
import { vi } from 'vitest';
import type { User } from '@lait/shared';
import { AuthContext } from '../auth/auth-context';
import type { AuthSession, AuthState } from '../auth';
import { createI18n, type Language } from '../../lib/i18n';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { ChatPanel } from './ChatPanel';
import { ChatSocketContext } from './chat-socket';
import { createFakeSockets } from './fake-chat-socket';

export const ME: User = { id: 1, nickname: '라잇', email: null, kakaoLinked: false, createdAt: new Date(0).toISOString() };

/** Just enough of an AuthSession: a fixed state and token. */
export function fakeAuth(user: User | null = ME): AuthSession {
  const state: AuthState = user ? { status: 'signed-in', user } : { status: 'signed-out' };
  const unused = () => Promise.reject(new Error('not in chat tests'));
  return {
    getState: () => state,
    subscribe: () => () => {},
    start: () => {},
    stop: () => {},
    getAccessToken: () => Promise.resolve(user ? 'token-1' : null),
    withToken: unused,
    login: unused,
    signup: unused,
    signOut: unused,
  };
}

/**
 * jsdom does no layout: give the list a height and each row one, so the virtualiser renders rows,
 * and make scrollHeight/clientHeight/scrollTop of the list behave.
 */
export function stubLayout({ listHeight = 400, rowHeight = 26 } = {}) {
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const height = this.dataset['testid'] === 'chat-list' ? listHeight : this.dataset['index'] !== undefined ? rowHeight : 0;
    return { x: 0, y: 0, top: 0, left: 0, right: 300, bottom: height, width: 300, height, toJSON: () => ({}) } as DOMRect;
  });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset['index'] !== undefined ? rowHeight : this.dataset['testid'] === 'chat-list' ? listHeight : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset['testid'] === 'chat-list' ? listHeight : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      const inner = this.firstElementChild?.nextElementSibling ?? this.firstElementChild;
      return this.dataset['testid'] === 'chat-list' ? parseFloat((inner as HTMLElement | null)?.style.height ?? '0') || 0 : 0;
    },
  });
  // jsdom keeps no scroll position: remember what was set, clamped like a browser does.
  const scrollTops = new WeakMap<HTMLElement, number>();
  Object.defineProperty(HTMLElement.prototype, 'scrollTop', {
    configurable: true,
    get(this: HTMLElement) {
      return scrollTops.get(this) ?? 0;
    },
    set(this: HTMLElement, value: number) {
      scrollTops.set(this, Math.max(0, Math.min(value, this.scrollHeight - this.clientHeight)));
    },
  });
  return () => {
    vi.restoreAllMocks();
    delete (HTMLElement.prototype as { scrollTop?: number }).scrollTop;
    delete (HTMLElement.prototype as { offsetHeight?: number }).offsetHeight;
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
    delete (HTMLElement.prototype as { scrollHeight?: number }).scrollHeight;
  };
}

export function renderChat({ user = ME as User | null, language = 'ko' as Language } = {}) {
  const sockets = createFakeSockets();
  const view = render(
    <I18nextProvider i18n={createI18n(language)}>
      <AuthContext.Provider value={fakeAuth(user)}>
        <ChatSocketContext.Provider value={sockets.factory}>
          <MemoryRouter initialEntries={['/c/alpha']}>
            <ChatPanel slug="alpha" />
          </MemoryRouter>
        </ChatSocketContext.Provider>
      </AuthContext.Provider>
    </I18nextProvider>,
  );
  return { ...view, sockets, socket: sockets.latest };
}
