import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { UserRow } from '../../db/entities.js';
import type { UserRepository } from '../users/user.repository.js';
import { DesktopCodeInvalidError, DesktopVerifierMismatchError } from './auth.errors.js';
import type { DesktopLoginCodeRepository } from './desktop-login-code.repository.js';
import type { IssuedSession, SessionService } from './session.service.js';

/** A code is redeemed by the app a moment after the browser lands on the loopback. */
export const DESKTOP_CODE_TTL_MS = 60_000;

const sha256hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** RFC 7636 §4.6: BASE64URL(SHA-256(ASCII(verifier))) compared with the stored challenge. */
function verifierMatches(verifier: string, challenge: string): boolean {
  const a = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The desktop app's half of Kakao sign-in: after Kakao's callback the server issues a one-time
 * code (random, stored hashed, 60 s, single use) bound to the app's PKCE challenge; the app trades
 * it with the verifier for an ordinary session in a new refresh family.
 * @see https://www.rfc-editor.org/rfc/rfc8252#section-7.3
 */
export class DesktopLoginService {
  constructor(
    private readonly codes: DesktopLoginCodeRepository,
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
  ) {}

  async issueCode(user: UserRow, challenge: string): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.codes.insert({
      codeHash: sha256hex(code), userId: user.id, challenge, expiresAt: new Date(now.getTime() + DESKTOP_CODE_TTL_MS),
      usedAt: null, familyId: null, createdAt: now,
    });
    return code;
  }

  /** Spends the code whatever the verifier: a wrong guess burns it, so it cannot be retried. */
  async exchange(code: string, verifier: string): Promise<{ user: UserRow; session: IssuedSession }> {
    const row = await this.codes.findByHash(sha256hex(code));
    if (!row) throw new DesktopCodeInvalidError('unknown code');
    if (row.usedAt) {
      // A replayed code: whoever redeemed it first may be the thief, so that session ends too.
      if (row.familyId) await this.sessions.revokeFamily(row.familyId);
      throw new DesktopCodeInvalidError('already used');
    }
    if (new Date(row.expiresAt).getTime() < Date.now()) throw new DesktopCodeInvalidError('expired');
    const familyId = randomBytes(12).toString('hex');
    if (!(await this.codes.markUsed(row.id, familyId, new Date()))) throw new DesktopCodeInvalidError('already used');
    if (!verifierMatches(verifier, row.challenge)) throw new DesktopVerifierMismatchError();
    const user = await this.users.findById(row.userId);
    if (!user) throw new DesktopCodeInvalidError('the account no longer exists');
    return { user, session: await this.sessions.issue(user, familyId) };
  }
}
