import { createHash, randomBytes } from 'node:crypto';
import type { UserRow } from '../../db/entities.js';
import { RefreshReusedError, TokenExpiredError, TokenInvalidError } from './auth.errors.js';
import type { RefreshTokenRepository } from './refresh-token.repository.js';

export interface AccessTokenClaims {
  sub: string;
  nick: string;
  /** The refresh-token family (one device's sign-in) the token was issued for; absent in tokens from before it existed. */
  fam?: string;
}

export interface IssuedSession {
  accessToken: string;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Access tokens are short-lived JWTs; refresh tokens are random, stored hashed, single-use and
 * grouped in families. Presenting a spent refresh token means it was stolen or replayed: the whole
 * family is revoked, signing out both the thief and the user on that device.
 */
export class SessionService {
  constructor(
    private readonly tokens: RefreshTokenRepository,
    private readonly signAccess: (claims: AccessTokenClaims) => string,
    private readonly refreshTtlMs: number,
  ) {}

  async issue(user: UserRow, familyId = randomBytes(12).toString('hex')): Promise<IssuedSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    const now = new Date();
    const refreshExpiresAt = new Date(now.getTime() + this.refreshTtlMs);
    await this.tokens.insert({ userId: user.id, familyId, tokenHash: sha256(refreshToken), expiresAt: refreshExpiresAt, usedAt: null, revokedAt: null, createdAt: now });
    return { accessToken: this.signAccess({ sub: String(user.id), nick: user.nickname, fam: familyId }), refreshToken, refreshExpiresAt };
  }

  /** Spends a refresh token and returns the user id with the family to continue. */
  async spend(refreshToken: string): Promise<{ userId: number; familyId: string }> {
    const row = await this.tokens.findByHash(sha256(refreshToken));
    if (!row || row.revokedAt) throw new TokenInvalidError();
    if (row.usedAt) {
      await this.tokens.revokeFamily(row.familyId);
      throw new RefreshReusedError();
    }
    if (new Date(row.expiresAt).getTime() < Date.now()) throw new TokenInvalidError('Your session expired; sign in again');
    if (!(await this.tokens.markUsed(row.id, new Date()))) {
      await this.tokens.revokeFamily(row.familyId);
      throw new RefreshReusedError();
    }
    return { userId: row.userId, familyId: row.familyId };
  }

  /**
   * For sensitive actions (publish token, stream key, linking Kakao): an access token stays valid
   * for its 15 minutes after "log out everywhere", but its sign-in must still be live for these.
   * A token without a family predates the check: the client refreshes and retries.
   */
  async assertActive(claims: AccessTokenClaims): Promise<void> {
    if (!claims.fam) throw new TokenExpiredError();
    if (!(await this.tokens.isFamilyActive(claims.fam, Number(claims.sub)))) throw new TokenInvalidError('This session was signed out; sign in again');
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.revokeFamily(familyId);
  }

  async revoke(refreshToken: string, everywhere: boolean): Promise<void> {
    const row = await this.tokens.findByHash(sha256(refreshToken));
    if (!row) return;
    if (everywhere) await this.tokens.revokeUser(row.userId);
    else await this.tokens.revokeFamily(row.familyId);
  }
}
