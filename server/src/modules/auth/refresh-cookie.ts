import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IssuedSession } from './session.service.js';

export const REFRESH_COOKIE = 'lait_rt';
/** Only the auth routes ever see the refresh token. */
const COOKIE_PATH = '/api/auth';

export function setRefreshCookie(reply: FastifyReply, session: IssuedSession, secure: boolean): void {
  void reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
    httpOnly: true,
    secure,
    sameSite: 'strict',
    path: COOKIE_PATH,
    expires: session.refreshExpiresAt,
  });
}

export function clearRefreshCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure, sameSite: 'strict', path: COOKIE_PATH });
}

export function readRefreshCookie(req: FastifyRequest): string | undefined {
  return req.cookies[REFRESH_COOKIE];
}
