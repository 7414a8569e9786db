import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { KakaoCallbackQuerySchema, KakaoStartQuerySchema } from '@lait/shared';
import { AppError } from '../../errors/app-error.js';
import { OAuthFailedError, OAuthStateError } from './auth.errors.js';
import { KakaoClient } from './kakao.client.js';
import { setRefreshCookie } from './refresh-cookie.js';

const STATE_COOKIE = 'lait_oauth';

interface PendingLogin { state: string; verifier: string; next: string }

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * `GET /api/auth/kakao` starts the flow; Kakao sends the browser back to `/api/auth/kakao/callback`.
 * state and the PKCE verifier live in a signed httpOnly cookie (SameSite=Lax: it must survive the
 * top-level redirect back from Kakao). On success the refresh cookie is set and the browser goes to
 * the site, which then calls /api/auth/refresh for an access token.
 */
export const kakaoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const kakao = new KakaoClient(app.config.kakao);
  const redirectUri = `${app.config.publicUrl}/api/auth/kakao/callback`;
  const secure = app.config.secureCookies;

  app.get('/kakao', { schema: { tags: ['auth'], summary: 'Start Kakao login (redirects to Kakao)', querystring: KakaoStartQuerySchema } }, async (req, reply) => {
    if (!kakao.configured) throw new AppError('SERVICE_UNAVAILABLE', 'Kakao login is not configured on this server (KAKAO_CLIENT_ID)', 503);
    const pending: PendingLogin = { state: randomBytes(16).toString('base64url'), verifier: randomBytes(32).toString('base64url'), next: req.query.next ?? '/' };
    const codeChallenge = createHash('sha256').update(pending.verifier).digest('base64url');
    void reply.setCookie(STATE_COOKIE, JSON.stringify(pending), { signed: true, httpOnly: true, secure, sameSite: 'lax', path: '/api/auth/kakao', maxAge: 600 });
    return reply.redirect(kakao.authorizeUrl({ redirectUri, state: pending.state, codeChallenge }));
  });

  app.get('/kakao/callback', { schema: { tags: ['auth'], summary: 'Kakao redirects here', querystring: KakaoCallbackQuerySchema } }, async (req, reply) => {
    const raw = req.cookies[STATE_COOKIE];
    const unsigned = raw ? req.unsignCookie(raw) : null;
    void reply.clearCookie(STATE_COOKIE, { path: '/api/auth/kakao' });
    let pending: PendingLogin | null = null;
    try {
      pending = unsigned?.valid && unsigned.value ? (JSON.parse(unsigned.value) as PendingLogin) : null;
    } catch {
      pending = null;
    }
    if (!pending || !req.query.state || !sameString(pending.state, req.query.state)) throw new OAuthStateError();
    if (req.query.error) throw new OAuthFailedError(`Kakao login was not completed (${req.query.error})`, 400);
    if (!req.query.code) throw new OAuthFailedError('Kakao did not return an authorization code', 400);

    const token = await kakao.exchangeCode({ code: req.query.code, redirectUri, codeVerifier: pending.verifier });
    const profile = await kakao.profile(token);
    const { session } = await app.services.authService.kakaoLogin(profile);
    setRefreshCookie(reply, session, secure);
    return reply.redirect(`${pending.next}${pending.next.includes('?') ? '&' : '?'}login=kakao`);
  });
};
