import type {
  AccountChannel, AccountStatus, AccountUser, AuthResponse, CategoryList, CategoryOption, ChannelModeration, ChannelOwner, ChannelPublic, ChannelUpdateArgs, Me,
  PublishTokenResponse,
} from '@lait/shared';
import { AccountError, fromHttp } from './account-errors.js';
import { createMemorySessionStore, type SessionStore } from './session-store.js';

/** Name of the server's httpOnly refresh cookie (server/src/modules/auth/refresh-cookie.ts). */
const REFRESH_COOKIE = 'lait_rt';

/** A publish token: works as a stream key to start publishing until `expiresAt`. */
export interface PublishCredentials {
  rtmpUrl: string;
  streamKey: string;
  expiresAt: number;
}

export interface AccountClientOptions {
  serverUrl: string;
  store?: SessionStore;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** What the app reads of a channel: the public view (GET /api/channels/:slug) and the owner's (GET /api/me) both have it. */
type ChannelBody = Pick<ChannelPublic | ChannelOwner, 'slug' | 'title' | 'category' | 'live' | 'viewerCount' | 'liveSince'>;

/** Read the refresh cookie out of a response: a value, '' when the server cleared it, or undefined. */
export function readRefreshCookie(headers: Headers): string | undefined {
  for (const line of headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq).trim() !== REFRESH_COOKIE) continue;
    const cleared = /;\s*max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line);
    return cleared ? '' : decodeURIComponent(pair.slice(eq + 1).trim());
  }
  return undefined;
}

/** Expiry (ms since the epoch) of a JWT, read without verifying it; +Infinity when it has none. */
function tokenExpiry(token: string): number {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : Number.POSITIVE_INFINITY;
  } catch {
    return 0;
  }
}

/**
 * Talks to the Lait REST API for the desktop app. Lives in main only: the access token stays in
 * memory, the refresh token goes to the {@link SessionStore}, and the renderer only ever gets
 * {@link AccountStatus} and channel data. A 401 triggers one refresh and one retry.
 */
export function createAccountClient(opts: AccountClientOptions) {
  const doFetch = opts.fetch ?? fetch;
  const store = opts.store ?? createMemorySessionStore();
  const timeoutMs = opts.timeoutMs ?? 8000;
  const s = {
    serverUrl: opts.serverUrl.replace(/\/+$/, ''),
    accessToken: null as string | null,
    refreshToken: null as string | null,
    user: null as AccountUser | null,
    slug: null as string | null,
    restoring: Promise.resolve() as Promise<unknown>,
  };

  async function call(method: string, path: string, init: { body?: unknown; bearer?: boolean; cookie?: boolean } = {}) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.bearer && s.accessToken) headers.authorization = `Bearer ${s.accessToken}`;
    if (init.cookie && s.refreshToken) headers.cookie = `${REFRESH_COOKIE}=${encodeURIComponent(s.refreshToken)}`;
    let res: Response;
    try {
      res = await doFetch(`${s.serverUrl}${path}`, {
        method, headers, signal: AbortSignal.timeout(timeoutMs),
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      });
    } catch (err) {
      const why = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'unreachable';
      throw new AccountError('SERVICE_UNAVAILABLE', `Lait server ${s.serverUrl} ${why}`);
    }
    const cookie = readRefreshCookie(res.headers);
    if (cookie !== undefined) await setRefresh(cookie || null);
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    return { status: res.status, body };
  }

  async function setRefresh(token: string | null) {
    s.refreshToken = token;
    await (token ? store.save(s.serverUrl, token) : store.clear(s.serverUrl));
  }

  function signedOutLocally() {
    s.accessToken = null;
    s.user = null;
    s.slug = null;
  }

  function takeAuth(body: unknown) {
    const b = body as AuthResponse;
    s.accessToken = b.accessToken;
    s.user = { id: b.user.id, nickname: b.user.nickname, email: b.user.email };
  }

  async function refresh(): Promise<boolean> {
    if (!s.refreshToken) return false;
    const res = await call('POST', '/api/auth/refresh', { cookie: true });
    if (res.status !== 200) {
      signedOutLocally();
      await setRefresh(null);
      return false;
    }
    takeAuth(res.body);
    return true;
  }

  /** An authenticated request; refreshes once on 401, then gives up with UNAUTHORIZED. */
  async function authed<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!s.accessToken && !(await refresh())) throw new AccountError('UNAUTHORIZED', 'Not signed in');
    let res = await call(method, path, { bearer: true, body });
    if (res.status === 401 && (await refresh())) res = await call(method, path, { bearer: true, body });
    if (res.status === 401) signedOutLocally();
    if (res.status >= 400) throw fromHttp(res.status, res.body);
    return res.body as T;
  }

  const toChannel = (c: ChannelBody): AccountChannel => {
    s.slug = c.slug;
    return {
      slug: c.slug, title: c.title, category: c.category, live: c.live, viewerCount: c.viewerCount,
      liveSince: c.liveSince, watchUrl: `${s.serverUrl}/c/${c.slug}`,
    };
  };

  const status = (): AccountStatus => ({ signedIn: s.user !== null, serverUrl: s.serverUrl, user: s.user });

  return {
    status,
    /** Sign in again from a stored refresh token, quietly; a dead server leaves the token for later. */
    restore(): Promise<AccountStatus> {
      const run = (async () => {
        s.refreshToken ??= await store.load(s.serverUrl);
        await refresh().catch(() => false);
        return status();
      })();
      s.restoring = run;
      return run;
    },
    /** The status once a pending {@link restore} has finished (the app window does not wait for it). */
    async settled(): Promise<AccountStatus> {
      await s.restoring;
      return status();
    },
    async login(email: string, password: string): Promise<AccountStatus> {
      // A failing restore finishing after this login would sign it out again.
      await s.restoring.catch(() => undefined);
      const res = await call('POST', '/api/auth/login', { body: { email, password } });
      if (res.status !== 200) throw fromHttp(res.status, res.body);
      takeAuth(res.body);
      return status();
    },
    /** Finish a Kakao sign-in: trade the loopback's one-time code + PKCE verifier for a session, like login. */
    async exchangeDesktopCode(code: string, verifier: string): Promise<AccountStatus> {
      await s.restoring.catch(() => undefined);
      const res = await call('POST', '/api/auth/desktop/exchange', { body: { code, verifier } });
      if (res.status !== 200) throw fromHttp(res.status, res.body);
      takeAuth(res.body);
      return status();
    },
    async logout(): Promise<AccountStatus> {
      // Revoke on the server when it answers; sign out locally whatever happens.
      if (s.refreshToken) await call('POST', '/api/auth/logout', { cookie: true, body: {} }).catch(() => undefined);
      signedOutLocally();
      await setRefresh(null);
      return status();
    },
    /**
     * Point at another server. The session belongs to the old one: it is never sent to the new one,
     * and it stays stored for when the app points back. The new server's own session, if one was
     * kept, is restored.
     */
    async setServerUrl(url: string): Promise<void> {
      const next = url.replace(/\/+$/, '');
      if (next === s.serverUrl) return;
      await s.restoring.catch(() => undefined);
      s.serverUrl = next;
      signedOutLocally();
      s.refreshToken = null;
      await this.restore();
    },
    /** The channel; polls the cheap public endpoint once the slug is known. */
    async channel(): Promise<AccountChannel> {
      if (s.slug && s.user) {
        const res = await call('GET', `/api/channels/${encodeURIComponent(s.slug)}`);
        if (res.status === 200) return toChannel(res.body as ChannelPublic);
      }
      const me = await authed<Me>('GET', '/api/me');
      return toChannel(me.channel);
    },
    async updateChannel(patch: ChannelUpdateArgs): Promise<AccountChannel> {
      return toChannel(await authed<ChannelOwner>('PATCH', '/api/me/channel', patch));
    },
    /** Moderators and banned users of my channel, and the changes the web dashboard makes to them. */
    moderation: {
      get: () => authed<ChannelModeration>('GET', '/api/me/channel/moderation'),
      appoint: (nickname: string) => authed<ChannelModeration>('POST', '/api/me/channel/moderators', { nickname }),
      remove: (userId: number) => authed<ChannelModeration>('DELETE', `/api/me/channel/moderators/${userId}`),
      unban: (userId: number) => authed<ChannelModeration>('DELETE', `/api/me/channel/bans/${userId}`),
    },
    async categories(): Promise<CategoryOption[]> {
      const res = await call('GET', '/api/categories');
      if (res.status !== 200) throw fromHttp(res.status, res.body);
      return (res.body as CategoryList).categories.map(({ slug, nameKo, nameEn }) => ({ slug, nameKo, nameEn }));
    },
    /**
     * An access token for the chat socket's handshake (main only), refreshed first when it
     * expires within `minValidSec` or when `renew` asks for it (the server said it expired).
     */
    async accessToken(opts: { renew?: boolean; minValidSec?: number } = {}): Promise<string> {
      await s.restoring.catch(() => undefined);
      const margin = (opts.minValidSec ?? 30) * 1000;
      const stale = !s.accessToken || opts.renew === true || tokenExpiry(s.accessToken) - Date.now() < margin;
      if (stale && !(await refresh())) throw new AccountError('UNAUTHORIZED', 'Not signed in');
      if (!s.accessToken) throw new AccountError('UNAUTHORIZED', 'Not signed in');
      return s.accessToken;
    },
    async publishToken(): Promise<PublishCredentials> {
      const b = await authed<PublishTokenResponse>('POST', '/api/me/channel/publish-token', {});
      return { rtmpUrl: b.rtmpUrl, streamKey: b.token, expiresAt: Date.parse(b.expiresAt) };
    },
  };
}

/** The account client, see {@link createAccountClient}. */
export type AccountClient = ReturnType<typeof createAccountClient>;
