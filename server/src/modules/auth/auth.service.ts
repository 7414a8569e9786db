import type { LoginBody, SignupBody } from '@lait/shared';
import type { UserRow } from '../../db/entities.js';
import type { ChannelService } from '../channels/channel.service.js';
import { randomToken } from '../channels/stream-key.js';
import type { UserRepository } from '../users/user.repository.js';
import { EmailTakenError, InvalidCredentialsError, NicknameTakenError, TokenInvalidError, WeakPasswordError } from './auth.errors.js';
import { DUMMY_HASH, hashPassword, passwordWeakness, verifyPassword } from './password.js';
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
    if (weakness) throw new WeakPasswordError(weakness);
    if (await this.users.findByEmail(body.email)) throw new EmailTakenError();
    if (await this.users.findByNickname(body.nickname)) throw new NicknameTakenError(body.nickname);
    const user = await this.createUser({ email: body.email, nickname: body.nickname, passwordHash: await hashPassword(body.password), kakaoId: null });
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

  /** First Kakao login creates the user and channel; a verified email links an existing account. */
  async kakaoLogin(profile: KakaoProfile): Promise<{ user: UserRow; session: IssuedSession }> {
    const user = await this.kakaoUser(profile);
    return { user, session: await this.sessions.issue(user) };
  }

  /** The account of a Kakao profile, created or linked as {@link kakaoLogin} does, without a session. */
  async kakaoUser(profile: KakaoProfile): Promise<UserRow> {
    let user = await this.users.findByKakaoId(profile.id);
    if (!user && profile.verifiedEmail) {
      user = await this.users.findByEmail(profile.verifiedEmail);
      if (user) await this.users.linkKakao(user.id, profile.id);
    }
    if (!user) {
      const nickname = await this.freeNickname(profile.nickname ?? '카카오유저');
      user = await this.createUser({ email: profile.verifiedEmail, nickname, passwordHash: null, kakaoId: profile.id });
    }
    return user;
  }

  private async createUser(row: Pick<UserRow, 'email' | 'nickname' | 'passwordHash' | 'kakaoId'>): Promise<UserRow> {
    const user = await this.users.insert({ ...row, createdAt: new Date() });
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
