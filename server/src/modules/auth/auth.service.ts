import type { LoginBody, SignupBody } from '@lait/shared';
import type { UserRow } from '../../db/entities.js';
import type { ChannelService } from '../channels/channel.service.js';
import { randomToken } from '../channels/stream-key.js';
import type { UserRepository } from '../users/user.repository.js';
import { EmailTakenError, InvalidCredentialsError, KakaoAlreadyLinkedError, KakaoTakenError, NicknameTakenError, TokenInvalidError, WeakPasswordError } from './auth.errors.js';
import { DUMMY_HASH, explainWeakness, hashPassword, passwordWeakness, verifyPassword } from './password.js';
import type { IssuedSession, SessionService } from './session.service.js';

export interface KakaoProfile {
  id: string;
  nickname: string | null;
  /** Only when Kakao says the address is verified and valid. */
  verifiedEmail: string | null;
}

export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly channels: ChannelService,
    readonly sessions: SessionService,
  ) {}

  async signup(body: SignupBody): Promise<{ user: UserRow; session: IssuedSession }> {
    const weakness = passwordWeakness(body.password, body);
    if (weakness) throw new WeakPasswordError(weakness, explainWeakness(weakness));
    if (await this.users.findByEmail(body.email)) throw new EmailTakenError();
    if (await this.users.findByNickname(body.nickname)) throw new NicknameTakenError(body.nickname);
    const user = await this.createUser({ email: body.email, nickname: body.nickname, passwordHash: await hashPassword(body.password), emailVerified: false, kakaoId: null });
    return { user, session: await this.sessions.issue(user) };
  }

  async login(body: LoginBody): Promise<{ user: UserRow; session: IssuedSession }> {
    const user = await this.users.findByEmail(body.email);
    // Same work whether or not the account exists, so timing does not reveal registered emails.
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, body.password);
    if (!user?.passwordHash || !ok) throw new InvalidCredentialsError();
    return { user, session: await this.sessions.issue(user) };
  }

  async refresh(refreshToken: string): Promise<{ user: UserRow; session: IssuedSession }> {
    const { userId, familyId } = await this.sessions.spend(refreshToken);
    const user = await this.users.findById(userId);
    if (!user) throw new TokenInvalidError();
    return { user, session: await this.sessions.issue(user, familyId) };
  }

  /**
   * First Kakao login creates the user and channel. It links an existing account only when that
   * account's email is verified: linking to an unverified one would hand the account of whoever
   * signed up first with the address (possibly an attacker, password and all) to the Kakao user.
   * @see issue 9 (account pre-hijack)
   */
  async kakaoLogin(profile: KakaoProfile): Promise<{ user: UserRow; session: IssuedSession; separateFromEmailAccount: boolean }> {
    const { user, separateFromEmailAccount } = await this.kakaoAccount(profile);
    return { user, session: await this.sessions.issue(user), separateFromEmailAccount };
  }

  /** The account of a Kakao profile, created or linked as {@link kakaoLogin} does, without a session. */
  async kakaoUser(profile: KakaoProfile): Promise<UserRow> {
    return (await this.kakaoAccount(profile)).user;
  }

  /**
   * `separateFromEmailAccount`: this login just created a new account although one with the same
   * (unverified) email exists, so the site can tell its owner how to link the two.
   */
  private async kakaoAccount(profile: KakaoProfile): Promise<{ user: UserRow; separateFromEmailAccount: boolean }> {
    const known = await this.users.findByKakaoId(profile.id);
    if (known) return { user: known, separateFromEmailAccount: false };
    const sameEmail = profile.verifiedEmail ? await this.users.findByEmail(profile.verifiedEmail) : null;
    if (sameEmail?.emailVerified && sameEmail.kakaoId === null) {
      await this.users.linkKakao(sameEmail.id, profile.id, true);
      return { user: { ...sameEmail, kakaoId: profile.id }, separateFromEmailAccount: false };
    }
    // The address may belong to an unverified account: the new one does without it (emails are unique).
    const email = sameEmail ? null : profile.verifiedEmail;
    const nickname = await this.freeNickname(profile.nickname ?? '카카오유저');
    const user = await this.createUser({ email, emailVerified: email !== null, nickname, passwordHash: null, kakaoId: profile.id });
    return { user, separateFromEmailAccount: sameEmail !== null };
  }

  /**
   * Links a Kakao account to a signed-in user who just completed Kakao's consent: both sides are
   * proven. A Kakao-verified email equal to the account's verifies it.
   */
  async linkKakao(userId: number, profile: KakaoProfile): Promise<UserRow> {
    const user = await this.users.findById(userId);
    if (!user) throw new TokenInvalidError('This account no longer exists');
    const owner = await this.users.findByKakaoId(profile.id);
    if (owner && owner.id !== user.id) throw new KakaoTakenError();
    if (user.kakaoId !== null && user.kakaoId !== profile.id) throw new KakaoAlreadyLinkedError();
    const verifies = profile.verifiedEmail !== null && user.email !== null && profile.verifiedEmail.toLowerCase() === user.email;
    await this.users.linkKakao(user.id, profile.id, user.emailVerified || verifies);
    return { ...user, kakaoId: profile.id, emailVerified: user.emailVerified || verifies };
  }

  private async createUser(row: Pick<UserRow, 'email' | 'emailVerified' | 'nickname' | 'passwordHash' | 'kakaoId'>): Promise<UserRow> {
    const user = await this.users.insert({ ...row, avatarAt: null, createdAt: new Date() });
    await this.channels.createForUser(user);
    return user;
  }

  private async freeNickname(wanted: string): Promise<string> {
    const base = wanted.replace(/[^가-힣A-Za-z0-9_]/g, '').slice(0, 14) || '카카오유저';
    const padded = base.length < 2 ? `${base}_${randomToken(2)}` : base;
    if (!(await this.users.findByNickname(padded))) return padded;
    for (let i = 0; i < 5; i++) {
      const candidate = `${padded}_${randomToken(4)}`;
      if (!(await this.users.findByNickname(candidate))) return candidate;
    }
    return `user_${randomToken(10)}`;
  }
}
