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

export const KakaoStartQuerySchema = Type.Object({
  /** Where the site goes after login (a path on this site). */
  next: Type.Optional(Type.String({ pattern: '^/[^/\\\\]', maxLength: 512 })),
});
