import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiErrorSchema, KAKAO_LINK_RESULT_PARAM, KAKAO_SEPARATE_PARAM, KakaoCallbackQuerySchema, KakaoDesktopStartQuerySchema, KakaoLinkResponseSchema, KakaoStartQuerySchema, safeNextPath,
  type DesktopLoginError, type KakaoCallbackQuery,
} from '@lait/shared';
import { AppError } from '../../errors/app-error.js';
import { OAuthFailedError, OAuthStateError } from './auth.errors.js';
import { KakaoClient } from './kakao.client.js';
import { setRefreshCookie } from './refresh-cookie.js';

const STATE_COOKIE = 'lait_oauth';
const COOKIE_PATH = '/api/auth/kakao';

/** What the desktop app sent to `/kakao/desktop`: where its loopback listens and what it must echo. */
interface DesktopPending { port: number; state: string; challenge: string }
/** `link`: a signed-in user linking Kakao from the dashboard (the user id, proven by the access token). */
interface PendingLogin { state: string; verifier: string; next: string; desktop?: DesktopPending; link?: number }

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Only ever the IPv4 loopback literal (RFC 8252 §7.3, §8.3): never a host name or another address. */
function loopbackUrl(desktop: DesktopPending, params: { code: string } | { error: DesktopLoginError }): string {
  if (!Number.isInteger(desktop.port) || desktop.port < 1024 || desktop.port > 65535) throw new OAuthStateError();
  const url = new URL(`http://127.0.0.1:${desktop.port}/callback`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v as string);
  url.searchParams.set('state', desktop.state);
  return url.toString();
}

/**
 * `GET /api/auth/kakao` starts the flow for the site, `GET /api/auth/kakao/desktop` for the desktop
 * app; Kakao sends the browser back to `/api/auth/kakao/callback` in both cases. state and the PKCE
 * verifier (and the desktop app's port, state and challenge) live in a signed httpOnly cookie
 * (SameSite=Lax: it must survive the top-level redirect back from Kakao). The site gets the refresh
 * cookie and goes on to call /api/auth/refresh; the desktop app gets a one-time code on its
 * loopback listener and redeems it at `POST /api/auth/desktop/exchange`.
 */
export const kakaoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const kakao = new KakaoClient(app.config.kakao);
  const redirectUri = `${app.config.publicUrl}/api/auth/kakao/callback`;
  const secure = app.config.secureCookies;
  const { service: authService, desktopLogin } = app.auth;

  /** Sets the signed state cookie and answers Kakao's authorize URL. */
  function prepare(reply: FastifyReply, next: string, extra: Pick<PendingLogin, 'desktop' | 'link'> = {}): string {
    const pending: PendingLogin = { state: randomBytes(16).toString('base64url'), verifier: randomBytes(32).toString('base64url'), next, ...extra };
    const codeChallenge = createHash('sha256').update(pending.verifier).digest('base64url');
    void reply.setCookie(STATE_COOKIE, JSON.stringify(pending), { signed: true, httpOnly: true, secure, sameSite: 'lax', path: COOKIE_PATH, maxAge: 600 });
    return kakao.authorizeUrl({ redirectUri, state: pending.state, codeChallenge });
  }

  function begin(reply: FastifyReply, next: string, desktop?: DesktopPending) {
    return reply.redirect(prepare(reply, next, desktop ? { desktop } : {}));
  }

  /** Linking ends on the dashboard in every case, with the outcome in its address. */
  async function linkOutcome(req: FastifyRequest, userId: number, pending: PendingLogin, query: KakaoCallbackQuery): Promise<string> {
    const to = (result: string) => `/dashboard?${KAKAO_LINK_RESULT_PARAM}=${encodeURIComponent(result)}`;
    if (!query.state || !sameString(pending.state, query.state)) return to('AUTH_OAUTH_STATE_MISMATCH');
    if (query.error) return to(query.error === 'access_denied' ? 'AUTH_KAKAO_CANCELLED' : 'AUTH_OAUTH_FAILED');
    if (!query.code) return to('AUTH_OAUTH_FAILED');
    try {
      const token = await kakao.exchangeCode({ code: query.code, redirectUri, codeVerifier: pending.verifier });
      await authService.linkKakao(userId, await kakao.profile(token));
      return to('linked');
    } catch (err) {
      if (err instanceof AppError && err.statusCode < 500) return to(err.code);
      req.log.error({ err }, 'linking Kakao failed');
      return to('INTERNAL');
    }
  }

  function takePending(req: FastifyRequest, reply: FastifyReply): PendingLogin | null {
    const raw = req.cookies[STATE_COOKIE];
    const unsigned = raw ? req.unsignCookie(raw) : null;
    void reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
    try {
      return unsigned?.valid && unsigned.value ? (JSON.parse(unsigned.value) as PendingLogin) : null;
    } catch {
      return null;
    }
  }

  /** Every outcome goes back to the app's loopback, so the app never waits on a dead browser tab. */
  async function desktopOutcome(req: FastifyRequest, pending: PendingLogin, desktop: DesktopPending, query: KakaoCallbackQuery) {
    if (!query.state || !sameString(pending.state, query.state)) return loopbackUrl(desktop, { error: 'state_mismatch' });
    if (query.error) return loopbackUrl(desktop, { error: query.error === 'access_denied' ? 'access_denied' : 'kakao_failed' });
    if (!query.code) return loopbackUrl(desktop, { error: 'kakao_failed' });
    try {
      const token = await kakao.exchangeCode({ code: query.code, redirectUri, codeVerifier: pending.verifier });
      const user = await authService.kakaoUser(await kakao.profile(token));
      return loopbackUrl(desktop, { code: await desktopLogin.issueCode(user, desktop.challenge) });
    } catch (err) {
      if (err instanceof OAuthFailedError) {
        req.log.warn({ err: err.message }, 'desktop Kakao sign-in refused by Kakao');
        return loopbackUrl(desktop, { error: 'kakao_failed' });
      }
      req.log.error({ err }, 'desktop Kakao sign-in failed');
      return loopbackUrl(desktop, { error: 'server_error' });
    }
  }

  app.get('/kakao', { schema: { tags: ['auth'], summary: 'Start Kakao login (redirects to Kakao)', querystring: KakaoStartQuerySchema } }, async (req, reply) => {
    if (!kakao.configured) throw new AppError('SERVICE_UNAVAILABLE', 'Kakao login is not configured on this server (KAKAO_CLIENT_ID)', 503);
    return begin(reply, safeNextPath(req.query.next));
  });

  app.get('/kakao/desktop', {
    schema: { tags: ['auth'], summary: "Start the desktop app's Kakao sign-in (redirects to Kakao, then to the app's loopback)", querystring: KakaoDesktopStartQuerySchema },
  }, async (req, reply) => {
    const desktop: DesktopPending = { port: req.query.port, state: req.query.state, challenge: req.query.challenge };
    if (!kakao.configured) return reply.redirect(loopbackUrl(desktop, { error: 'unavailable' }));
    return begin(reply, '/', desktop);
  });

  app.post('/kakao/link', {
    schema: { tags: ['auth'], summary: 'Start linking Kakao to the signed-in account (answers the Kakao URL to open)', response: { 200: KakaoLinkResponseSchema, 401: ApiErrorSchema, 503: ApiErrorSchema } },
    onRequest: app.authenticate,
    preHandler: async (req) => authService.sessions.assertActive(req.user),
  }, async (req, reply) => {
    if (!kakao.configured) throw new AppError('AUTH_KAKAO_UNAVAILABLE', 'Kakao login is not configured on this server (KAKAO_CLIENT_ID)', 503);
    return { url: prepare(reply, '/dashboard', { link: req.userId() }) };
  });

  app.get('/kakao/callback', { schema: { tags: ['auth'], summary: 'Kakao redirects here', querystring: KakaoCallbackQuerySchema } }, async (req, reply) => {
    const pending = takePending(req, reply);
    if (pending?.desktop) return reply.redirect(await desktopOutcome(req, pending, pending.desktop, req.query));
    if (pending?.link !== undefined) return reply.redirect(await linkOutcome(req, pending.link, pending, req.query));
    if (!pending || !req.query.state || !sameString(pending.state, req.query.state)) throw new OAuthStateError();
    if (req.query.error) throw new OAuthFailedError(`Kakao login was not completed (${req.query.error})`, 400);
    if (!req.query.code) throw new OAuthFailedError('Kakao did not return an authorization code', 400);

    const token = await kakao.exchangeCode({ code: req.query.code, redirectUri, codeVerifier: pending.verifier });
    const profile = await kakao.profile(token);
    const { session, separateFromEmailAccount } = await authService.kakaoLogin(profile);
    setRefreshCookie(reply, session, secure);
    const marker = separateFromEmailAccount ? `login=kakao&${KAKAO_SEPARATE_PARAM}=1` : 'login=kakao';
    // Checked again: the cookie is signed, but this is what goes into the Location header.
    const next = safeNextPath(pending.next);
    return reply.redirect(`${next}${next.includes('?') ? '&' : '?'}${marker}`);
  });
};
