import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, AuthResponseSchema, LoginBodySchema, LogoutBodySchema, SignupBodySchema } from '@lait/shared';
import { Type } from '@sinclair/typebox';
import { toUser } from '../users/user.repository.js';
import { TokenInvalidError } from './auth.errors.js';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie.js';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 409: ApiErrorSchema, 429: ApiErrorSchema };

/** Email sign-up and login, refresh rotation, logout. */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { authService } = app.services;
  const secure = app.config.secureCookies;
  const limits = app.config.rateLimits;

  app.post('/signup', {
    schema: { tags: ['auth'], summary: 'Create an account (and its channel)', body: SignupBodySchema, response: { 201: AuthResponseSchema, ...errors } },
    config: { rateLimit: { max: limits.signupPerHour, timeWindow: '1 hour' } },
  }, async (req, reply) => {
    const { user, session } = await authService.signup(req.body);
    setRefreshCookie(reply, session, secure);
    return reply.status(201).send({ user: toUser(user), accessToken: session.accessToken });
  });

  app.post('/login', {
    schema: { tags: ['auth'], summary: 'Sign in with email and password', body: LoginBodySchema, response: { 200: AuthResponseSchema, ...errors } },
    // Per address and account, so one attacker cannot lock a user out from everywhere.
    config: { rateLimit: { max: limits.loginPerMin, timeWindow: '1 minute', keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: string })?.email ?? '').toLowerCase()}` } },
  }, async (req, reply) => {
    const { user, session } = await authService.login(req.body);
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
