import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, AuthResponseSchema, LoginBodySchema, LogoutBodySchema, SignupBodySchema, type LoginBody } from '@lait/shared';
import { Type } from '@sinclair/typebox';
import { toUser } from '../users/user.repository.js';
import { AppError } from '../../errors/app-error.js';
import { redisScope } from '../../plugins/redis.js';
import { AccountLockedError, InvalidCredentialsError, TokenInvalidError } from './auth.errors.js';
import { LoginThrottle } from './login-throttle.js';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie.js';
import { acceptJsonOnly } from './same-origin.js';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 409: ApiErrorSchema, 429: ApiErrorSchema };

/** Email sign-up and login, refresh rotation, logout. */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const authService = app.auth.service;
  const secure = app.config.secureCookies;
  const limits = app.config.rateLimits;
  acceptJsonOnly(app, app.config.publicUrl);

  app.post('/signup', {
    schema: { tags: ['auth'], summary: 'Create an account (and its channel)', body: SignupBodySchema, response: { 201: AuthResponseSchema, ...errors } },
    config: { rateLimit: { max: limits.signupPerHour, timeWindow: '1 hour' } },
  }, async (req, reply) => {
    const { user, session } = await authService.signup(req.body);
    setRefreshCookie(reply, session, secure);
    return reply.status(201).send({ user: toUser(user), accessToken: session.accessToken });
  });

  // Three limits, cheapest first: per address over all accounts (before the body is read), per
  // address and account (once the body is validated), then the account's own back-off, which
  // holds whichever addresses the attempts come from. Each try costs an argon2 hash.
  const perAddressAndAccount = app.createRateLimit({ max: limits.loginPerMin, timeWindow: 60_000, keyGenerator: (req) => `login:${req.ip}|${(req.body as LoginBody).email.toLowerCase()}` });
  const throttle = new LoginThrottle(
    { freeFailures: app.config.loginLockout.after, baseDelayMs: app.config.loginLockout.baseMs, maxDelayMs: app.config.loginLockout.maxMs, windowMs: 3_600_000 },
    app.redis,
    `lait:login:${redisScope(app.config.database)}`,
    (err) => app.log.warn({ err: err.message }, 'login back-off store unavailable; per-address limits still apply'),
  );

  app.post('/login', {
    schema: { tags: ['auth'], summary: 'Sign in with email and password', body: LoginBodySchema, response: { 200: AuthResponseSchema, ...errors } },
    config: { rateLimit: { max: limits.loginAddressPerMin, timeWindow: '1 minute' } },
    preHandler: async (req, reply) => {
      const limit = await perAddressAndAccount(req);
      if (!limit.isAllowed && limit.isExceeded) {
        void reply.header('retry-after', String(limit.ttlInSeconds));
        throw new AppError('RATE_LIMITED', `Too many attempts; try again in ${limit.ttlInSeconds} s`, 429);
      }
    },
  }, async (req, reply) => {
    await throttle.assertOpen(req.body.email).catch((err: unknown) => {
      if (err instanceof AccountLockedError) void reply.header('retry-after', String(err.retryAfterSec));
      throw err;
    });
    const { user, session } = await authService.login(req.body).catch(async (err: unknown) => {
      if (err instanceof InvalidCredentialsError) await throttle.failed(req.body.email);
      throw err;
    });
    await throttle.succeeded(req.body.email);
    setRefreshCookie(reply, session, secure);
    return { user: toUser(user), accessToken: session.accessToken };
  });

  app.post('/refresh', {
    schema: { tags: ['auth'], summary: 'Trade the refresh cookie for a new access token (rotates the cookie)', response: { 200: AuthResponseSchema, ...errors } },
  }, async (req, reply) => {
    const token = readRefreshCookie(req);
    if (!token) throw new TokenInvalidError('Not signed in');
    try {
      const { user, session } = await authService.refresh(token);
      setRefreshCookie(reply, session, secure);
      return { user: toUser(user), accessToken: session.accessToken };
    } catch (err) {
      clearRefreshCookie(reply, secure);
      throw err;
    }
  });

  app.post('/logout', {
    schema: { tags: ['auth'], summary: 'Sign out this device, or everywhere', body: Type.Union([LogoutBodySchema, Type.Null()]), response: { 204: Type.Null({ description: 'signed out' }), ...errors } },
  }, async (req, reply) => {
    const token = readRefreshCookie(req);
    if (token) await authService.sessions.revoke(token, req.body?.everywhere === true);
    clearRefreshCookie(reply, secure);
    return reply.status(204).send(null);
  });
};
