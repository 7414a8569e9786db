import type { LoginBody, SignupBody, User } from '@lait/shared';
import { ApiRequestError, isApiRequestError, type ApiClient } from '../../lib/api';
import { EXPIRY_SLACK_MS, localExpiry, refreshDelayMs } from './token-schedule';

export type AuthState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: User };

/** Serialises refreshes across tabs: two tabs spending the same refresh token would sign both out. */
export type RefreshLock = <T>(run: () => Promise<T>) => Promise<T>;

export interface AuthSessionOptions {
  api: ApiClient;
  now?: () => number;
  lock?: RefreshLock;
}

export interface AuthSession {
  getState(): AuthState;
  subscribe(listener: () => void): () => void;
  /** Restores the session from the refresh cookie (once) and keeps it fresh until `stop()`. */
  start(): void;
  stop(): void;
  /** A valid access token, refreshed first when it is about to expire; null when signed out. */
  getAccessToken(): Promise<string | null>;
  /** Runs `call` with a token; on AUTH_TOKEN_EXPIRED refreshes once and retries. */
  withToken<T>(call: (token: string) => Promise<T>): Promise<T>;
  login(body: LoginBody): Promise<User>;
  signup(body: SignupBody): Promise<User>;
  signOut(everywhere?: boolean): Promise<void>;
}

/** A retry after the server could not be reached (the session may well still be valid). */
export const REFRESH_RETRY_MS = 15_000;

function defaultLock(): RefreshLock {
  const locks = globalThis.navigator?.locks;
  if (!locks) return (run) => run();
  return <T,>(run: () => Promise<T>) => locks.request('lait-auth-refresh', run) as Promise<T>;
}

const notSignedIn = () =>
  new ApiRequestError({ statusCode: 401, code: 'UNAUTHORIZED', error: 'Unauthorized', message: 'Sign in first' });

/**
 * The signed-in session. The access token lives only in this object's memory (never in storage);
 * the refresh token is an httpOnly cookie the page cannot read. Refresh is scheduled from the JWT's
 * `exp`, and concurrent callers share one refresh request, because the server rotates the refresh
 * token and treats a second use as theft.
 */
export function createAuthSession({ api, now = Date.now, lock = defaultLock() }: AuthSessionOptions): AuthSession {
  let state: AuthState = { status: 'loading' };
  let token: { value: string; receivedAt: number; expiresAt: number } | null = null;
  let inflight: Promise<string | null> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  // Bumped by login, signup and sign-out: a refresh answer from before one of them is stale.
  let generation = 0;
  const listeners = new Set<() => void>();

  const setState = (next: AuthState) => {
    state = next;
    for (const l of listeners) l();
  };
  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const schedule = (delayMs: number) => {
    clearTimer();
    if (running) timer = setTimeout(() => void refresh(), delayMs);
  };
  const accept = (user: User, accessToken: string): User => {
    const receivedAt = now();
    token = { value: accessToken, receivedAt, expiresAt: localExpiry(accessToken, receivedAt) };
    setState({ status: 'signed-in', user });
    schedule(refreshDelayMs(token.expiresAt, receivedAt, now()));
    return user;
  };
  const dropSession = () => {
    token = null;
    clearTimer();
    setState({ status: 'signed-out' });
  };

  const doRefresh = async (): Promise<string | null> => {
    const startedIn = generation;
    try {
      const { user, accessToken } = await lock(() => api.refresh());
      if (startedIn !== generation) return token?.value ?? null;
      accept(user, accessToken);
      return accessToken;
    } catch (err) {
      if (startedIn !== generation) return token?.value ?? null;
      if (isApiRequestError(err) && err.status === 401) {
        dropSession();
        return null;
      }
      // Unreachable server or 5xx: the cookie may still be good, so try again later.
      if (state.status === 'loading') setState({ status: 'signed-out' });
      schedule(REFRESH_RETRY_MS);
      return token?.value ?? null;
    }
  };
  const refresh = (): Promise<string | null> => {
    inflight ??= doRefresh().finally(() => {
      inflight = null;
    });
    return inflight;
  };

  const getAccessToken = async (): Promise<string | null> => {
    if (inflight) return inflight;
    if (token && now() < token.expiresAt - EXPIRY_SLACK_MS) return token.value;
    if (state.status === 'signed-out' && !token) return null;
    return refresh();
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      running = true;
      if (state.status === 'loading') void refresh();
      else if (token) schedule(refreshDelayMs(token.expiresAt, token.receivedAt, now()));
    },
    stop() {
      running = false;
      clearTimer();
    },
    getAccessToken,
    async withToken(call) {
      const first = await getAccessToken();
      if (!first) throw notSignedIn();
      try {
        return await call(first);
      } catch (err) {
        if (!isApiRequestError(err) || err.code !== 'AUTH_TOKEN_EXPIRED') throw err;
        const fresh = await refresh();
        if (!fresh || fresh === first) throw err;
        return call(fresh);
      }
    },
    login: async (body) => {
      const { user, accessToken } = await api.login(body);
      generation += 1;
      return accept(user, accessToken);
    },
    signup: async (body) => {
      const { user, accessToken } = await api.signup(body);
      generation += 1;
      return accept(user, accessToken);
    },
    async signOut(everywhere = false) {
      generation += 1;
      try {
        await api.logout({ everywhere });
      } finally {
        dropSession();
      }
    },
  };
}
