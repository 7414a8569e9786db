import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import jwt from '@fastify/jwt';
import { AppError } from '../errors/app-error.js';
import { TokenExpiredError, TokenInvalidError } from '../modules/auth/auth.errors.js';
import type { AccessTokenClaims } from '../modules/auth/session.service.js';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessTokenClaims;
    user: AccessTokenClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: requires a valid access token (Authorization: Bearer). */
    authenticate(req: FastifyRequest): Promise<void>;
  }
  interface FastifyRequest {
    userId(): number;
  }
}

/** Without JWT_SECRET, a random secret is kept in DATA_DIR so a restart does not sign everyone out. */
function loadSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export const authPlugin = fp(async (app) => {
  const secret = loadSecret(app.config.jwtSecret, app.config.dataDir);
  await app.register(cookie, { secret });
  await app.register(jwt, { secret, sign: { expiresIn: app.config.accessTokenTtlSec } });

  app.decorate('authenticate', async (req: FastifyRequest) => {
    if (!req.headers.authorization) throw new AppError('UNAUTHORIZED', 'Sign in first', 401);
    try {
      await req.jwtVerify();
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      throw code.includes('EXPIRED') ? new TokenExpiredError() : new TokenInvalidError('Invalid access token; sign in again');
    }
  });
  app.decorateRequest('userId', function (this: FastifyRequest) {
    return Number(this.user.sub);
  });
}, { name: 'lait-authenticate' });
