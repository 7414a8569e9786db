import type { User } from '@lait/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, createApiClient } from '../../lib/api';
import { jsonResponse } from '../../test/fixtures';
import { makeJwt } from '../../test/jwt';
import { createAuthSession } from './auth-session';
import { REFRESH_MARGIN_MS, localExpiry, refreshDelayMs } from './token-schedule';

const user: User = { id: 1, nickname: '라잇', email: 'a@lait.test', kakaoLinked: false, createdAt: '2026-01-01T00:00:00.000Z' };
const unauthorized = () =>
  jsonResponse({ statusCode: 401, code: 'AUTH_TOKEN_INVALID', error: 'Unauthorized', message: 'Sign in again' }, 401);

function setup(answer: (url: string) => Response) {
  const fetch = vi.fn(async (url: string) => answer(url));
  const session = createAuthSession({ api: createApiClient({ fetch }), lock: (run) => run() });
  const refreshes = () => fetch.mock.calls.filter(([url]) => url === '/api/auth/refresh').length;
  return { fetch, session, refreshes };
}

describe('token refresh scheduling', () => {
  it('refreshes a minute before expiry, or a quarter of the lifetime for short tokens', () => {
    expect(refreshDelayMs(900_000, 0, 0)).toBe(900_000 - REFRESH_MARGIN_MS);
    expect(refreshDelayMs(40_000, 0, 0)).toBe(30_000);
    expect(refreshDelayMs(900_000, 0, 899_000)).toBe(5_000);
  });

  it("takes the token lifetime from exp - iat, so a skewed local clock doesn't matter", () => {
    const issuedByServer = Date.UTC(2026, 0, 1);
    const token = makeJwt(900, issuedByServer);
    const localNow = issuedByServer + 3 * 3_600_000;
    expect(localExpiry(token, localNow)).toBe(localNow + 900_000);
  });
});

describe('auth session', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('restores the session on start and refreshes again before the access token expires', async () => {
    const { session, refreshes } = setup(() => jsonResponse({ user, accessToken: makeJwt(900) }));
    session.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(session.getState()).toEqual({ status: 'signed-in', user });
    expect(refreshes()).toBe(1);

    await vi.advanceTimersByTimeAsync(900_000 - REFRESH_MARGIN_MS - 1_000);
    expect(refreshes()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(refreshes()).toBe(2);
    session.stop();
  });

  it('shares one refresh between concurrent callers (a rotated refresh token is single-use)', async () => {
    const { session, refreshes } = setup(() => jsonResponse({ user, accessToken: makeJwt(900) }));
    session.start();
    const tokens = await Promise.all([session.getAccessToken(), session.getAccessToken(), session.getAccessToken()]);
    expect(refreshes()).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toMatch(/\./);
    session.stop();
  });

  it('is signed out when the refresh cookie is missing or spent, and answers null for a token', async () => {
    const { session } = setup(unauthorized);
    session.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(session.getState().status).toBe('signed-out');
    expect(await session.getAccessToken()).toBeNull();
    await expect(session.withToken(async () => 'never')).rejects.toMatchObject({ status: 401 });
  });

  it('retries once with a fresh token when the server says the access token expired', async () => {
    let n = 0;
    const { session, refreshes } = setup(() => jsonResponse({ user, accessToken: makeJwt(900, Date.now(), { n: n++ }) }));
    session.start();
    await vi.advanceTimersByTimeAsync(0);
    const seen: string[] = [];
    const result = await session.withToken(async (token) => {
      seen.push(token);
      if (seen.length === 1) {
        throw new ApiRequestError({ statusCode: 401, code: 'AUTH_TOKEN_EXPIRED', error: 'Unauthorized', message: 'expired' });
      }
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    expect(refreshes()).toBe(2);
    session.stop();
  });

  it('keeps the access token only in memory', async () => {
    const { session } = setup(() => jsonResponse({ user, accessToken: makeJwt(900) }));
    session.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    await session.signOut(true);
    expect(session.getState().status).toBe('signed-out');
    expect(await session.getAccessToken()).toBeNull();
  });
});

describe('auth session races', () => {
  it('a refresh that was still in flight when the user signed in cannot sign them out', async () => {
    let answerRefresh: (r: Response) => void = () => {};
    const fetch = vi.fn((url: string) =>
      url === '/api/auth/refresh'
        ? new Promise<Response>((resolve) => (answerRefresh = resolve))
        : Promise.resolve(jsonResponse({ user, accessToken: makeJwt(900) })),
    );
    const session = createAuthSession({ api: createApiClient({ fetch }), lock: (run) => run() });
    session.start();
    await session.login({ email: 'a@lait.test', password: 'x' });
    answerRefresh(unauthorized());
    await new Promise((r) => setTimeout(r, 0));
    expect(session.getState()).toEqual({ status: 'signed-in', user });
    session.stop();
  });
});
