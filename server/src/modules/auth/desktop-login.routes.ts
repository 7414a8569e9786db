import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, AuthResponseSchema, DesktopExchangeBodySchema } from '@lait/shared';
import { toUser } from '../users/user.repository.js';
import { setRefreshCookie } from './refresh-cookie.js';
import { acceptJsonOnly } from './same-origin.js';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 429: ApiErrorSchema };

/** `POST /api/auth/desktop/exchange`: the desktop app trades its loopback code + PKCE verifier for a session. */
export const desktopLoginRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { desktopLogin } = app.auth;
  const secure = app.config.secureCookies;
  acceptJsonOnly(app, app.config.publicUrl);

  app.post('/desktop/exchange', {
    schema: {
      tags: ['auth'], summary: "Redeem the desktop app's one-time Kakao sign-in code (answers like login)",
      body: DesktopExchangeBodySchema, response: { 200: AuthResponseSchema, ...errors },
    },
    // As strict as login: codes are 256-bit random, but guessing should still cost.
    config: { rateLimit: { max: app.config.rateLimits.loginPerMin, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const { user, session } = await desktopLogin.exchange(req.body.code, req.body.verifier);
    setRefreshCookie(reply, session, secure);
    return { user: toUser(user), accessToken: session.accessToken };
  });
};
