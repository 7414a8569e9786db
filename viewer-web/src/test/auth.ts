import type { User } from '@lait/shared';
import { createApiClient } from '../lib/api';
import { createAuthSession, type AuthSession } from '../features/auth/auth-session';
import { jsonResponse } from './fixtures';
import { makeJwt } from './jwt';

export const testUser: User = { id: 1, nickname: '라잇스트리머', email: 'streamer@lait.test', kakaoLinked: false, createdAt: '2026-01-01T00:00:00.000Z' };

const unauthorized = () =>
  jsonResponse({ statusCode: 401, code: 'AUTH_TOKEN_INVALID', error: 'Unauthorized', message: 'Not signed in' }, 401);

/**
 * A session with its own fetch for /api/auth/* (so page tests count only their own requests):
 * signed in as `user`, or signed out when `user` is null. `answer` may override any auth request.
 */
export function createTestSession(
  user: User | null,
  answer?: (url: string, init?: RequestInit) => Response | undefined,
): AuthSession {
  const fetch = async (url: string, init?: RequestInit) => {
    const custom = answer?.(url, init);
    if (custom) return custom;
    if (url.endsWith('/logout')) return new Response(null, { status: 204 });
    return user ? jsonResponse({ user, accessToken: makeJwt(900) }) : unauthorized();
  };
  return createAuthSession({ api: createApiClient({ fetch }), lock: (run) => run() });
}
