import { Type, type Static } from '@sinclair/typebox';

export const EmailSchema = Type.String({ format: 'email', maxLength: 254, description: 'email address' });
/** Length only here; strength (variety, common passwords) is checked by the server with a specific error. */
export const PasswordSchema = Type.String({ minLength: 8, maxLength: 128 });
/** 2-20 characters: Hangul syllables, Latin letters, digits and _. */
export const NicknameSchema = Type.String({ minLength: 2, maxLength: 20, pattern: '^[가-힣A-Za-z0-9_]+$' });

export const SignupBodySchema = Type.Object(
  { email: EmailSchema, password: PasswordSchema, nickname: NicknameSchema },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBodySchema>;

export const LoginBodySchema = Type.Object(
  { email: EmailSchema, password: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const LogoutBodySchema = Type.Object(
  { everywhere: Type.Optional(Type.Boolean({ description: 'revoke every session of this user' })) },
  { additionalProperties: false },
);
export type LogoutBody = Static<typeof LogoutBodySchema>;

export const UserSchema = Type.Object(
  {
    id: Type.Integer(),
    nickname: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    kakaoLinked: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'User' },
);
export type User = Static<typeof UserSchema>;

/** Answer of signup, login and refresh; the refresh token travels only in an httpOnly cookie. */
export const AuthResponseSchema = Type.Object({ user: UserSchema, accessToken: Type.String() });
export type AuthResponse = Static<typeof AuthResponseSchema>;

export const KakaoCallbackQuerySchema = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 2048 })),
  state: Type.Optional(Type.String({ maxLength: 256 })),
  error: Type.Optional(Type.String({ maxLength: 256 })),
  error_description: Type.Optional(Type.String({ maxLength: 1024 })),
});
export type KakaoCallbackQuery = Static<typeof KakaoCallbackQuerySchema>;

/**
 * `POST /api/auth/kakao/link` (signed in): where to send the browser to prove the Kakao side. Kakao
 * then returns to `/dashboard?kakaoLink=linked`, or `?kakaoLink=<error code>`.
 */
export const KakaoLinkResponseSchema = Type.Object({ url: Type.String() });
export type KakaoLinkResponse = Static<typeof KakaoLinkResponseSchema>;

/** The `kakaoLink` marker Kakao linking returns with: `linked`, or the error code of why not. */
export const KAKAO_LINK_RESULT_PARAM = 'kakaoLink';

/**
 * Set (`=1`) next to `login=kakao` when a first Kakao login made a new account although an account
 * with the same, unverified email exists: Kakao login never joins it by email (issue 9), but its
 * owner can sign in there with the password and link Kakao from the dashboard.
 */
export const KAKAO_SEPARATE_PARAM = 'kakaoSeparate';

export const KakaoStartQuerySchema = Type.Object({
  /** Where the site goes after login: a path on this site; anything else (see `safeNextPath`) means `/`. */
  next: Type.Optional(Type.String({ maxLength: 2048 })),
});

/**
 * `GET /api/auth/kakao/desktop`: the desktop app's Kakao sign-in (RFC 8252, native apps). The
 * server runs its own Kakao flow, then sends the browser to `http://127.0.0.1:<port>/callback`
 * with a one-time code that only the holder of the verifier behind `challenge` can redeem.
 * @see https://www.rfc-editor.org/rfc/rfc8252#section-7.3
 */
export const KakaoDesktopStartQuerySchema = Type.Object(
  {
    port: Type.Integer({ minimum: 1024, maximum: 65535, description: "the desktop app's listener on 127.0.0.1" }),
    state: Type.String({ minLength: 16, maxLength: 128, pattern: '^[A-Za-z0-9._~-]+$', description: 'opaque; echoed to the loopback' }),
    challenge: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'BASE64URL(SHA-256(verifier)), RFC 7636 S256' }),
  },
  { additionalProperties: false },
);
export type KakaoDesktopStartQuery = Static<typeof KakaoDesktopStartQuerySchema>;

/**
 * `error` values the server sends to the desktop's loopback listener instead of a code: the user
 * cancelled at Kakao, Kakao refused, the callback's state did not match, Kakao is not configured
 * on this server, or the server failed.
 */
export const DESKTOP_LOGIN_ERRORS = ['access_denied', 'kakao_failed', 'state_mismatch', 'unavailable', 'server_error'] as const;
export type DesktopLoginError = (typeof DESKTOP_LOGIN_ERRORS)[number];

/** `POST /api/auth/desktop/exchange`: the loopback's one-time code and the PKCE verifier (RFC 7636 §4.1). */
export const DesktopExchangeBodySchema = Type.Object(
  {
    code: Type.String({ minLength: 16, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' }),
    verifier: Type.String({ minLength: 43, maxLength: 128, pattern: '^[A-Za-z0-9._~-]+$' }),
  },
  { additionalProperties: false },
);
export type DesktopExchangeBody = Static<typeof DesktopExchangeBodySchema>;
