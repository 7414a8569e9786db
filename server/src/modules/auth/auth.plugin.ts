import fp from 'fastify-plugin';
import { AuthService } from './auth.service.js';
import { DesktopLoginCodeRepository } from './desktop-login-code.repository.js';
import { DesktopLoginService } from './desktop-login.service.js';
import { RefreshTokenRepository } from './refresh-token.repository.js';
import { SessionService } from './session.service.js';

/** Sign-up, sign-in and sessions (the JWTs themselves come from plugins/auth.ts). */
export interface Auth {
  service: AuthService;
  /** One-time codes of the desktop app's Kakao sign-in (loopback redirect). */
  desktopLogin: DesktopLoginService;
}

declare module 'fastify' {
  interface FastifyInstance {
    auth: Auth;
  }
}

export const authFeaturePlugin = fp(async (app) => {
  const users = app.users.repository;
  const sessions = new SessionService(new RefreshTokenRepository(app.db), (c) => app.jwt.sign(c), app.config.refreshTokenTtlDays * 86_400_000);
  app.decorate('auth', {
    service: new AuthService(users, app.channels.service, sessions),
    desktopLogin: new DesktopLoginService(new DesktopLoginCodeRepository(app.db), users, sessions),
  });
}, { name: 'lait-auth', dependencies: ['lait-db', 'lait-authenticate', 'lait-users', 'lait-channels'] });
