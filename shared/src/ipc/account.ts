import { Type, type Static } from '@sinclair/typebox';
import { ChannelTitleSchema } from '../http/channels.js';

/** Base URL of a Lait server (site + REST), e.g. `https://lait.example` or `http://127.0.0.1:3000`. */
export const ServerUrlSchema = Type.String({ pattern: '^https?://[^\\s/?#]+(:\\d+)?/?$', maxLength: 256 });

/** The signed-in user as the desktop app shows it. */
export const AccountUserSchema = Type.Object({
  id: Type.Integer(),
  nickname: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
});
/** The signed-in user, see {@link AccountUserSchema}. */
export type AccountUser = Static<typeof AccountUserSchema>;

/**
 * Result of `auth:status`, `auth:login`, `auth:kakao` and `auth:logout`. Tokens never appear here: the access
 * and refresh tokens stay in main.
 */
export const AccountStatusSchema = Type.Object({
  signedIn: Type.Boolean(),
  serverUrl: Type.String(),
  user: Type.Union([AccountUserSchema, Type.Null()]),
});
/** Sign-in state, see {@link AccountStatusSchema}. */
export type AccountStatus = Static<typeof AccountStatusSchema>;

/** Arguments of `auth:login` (email and password; main talks to the server). */
export const AuthLoginArgsSchema = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);
/** Arguments of `auth:login`. */
export type AuthLoginArgs = Static<typeof AuthLoginArgsSchema>;

/** The streamer's channel as the live panel shows it (`channel:get`, `channel:update`). */
export const AccountChannelSchema = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  live: Type.Boolean(),
  viewerCount: Type.Integer({ minimum: 0 }),
  liveSince: Type.Union([Type.String(), Type.Null()]),
  /** Public page of the channel on the server (`/c/<slug>`). */
  watchUrl: Type.String(),
});
/** The streamer's channel, see {@link AccountChannelSchema}. */
export type AccountChannel = Static<typeof AccountChannelSchema>;

/** Arguments of `channel:update`: title and/or category (null clears it). */
export const ChannelUpdateArgsSchema = Type.Object(
  {
    title: Type.Optional(ChannelTitleSchema),
    category: Type.Optional(Type.Union([Type.String({ pattern: '^[a-z0-9-]{2,32}$' }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
/** Arguments of `channel:update`. */
export type ChannelUpdateArgs = Static<typeof ChannelUpdateArgsSchema>;

/** One category offered by the server (`channel:categories`). */
export const CategoryOptionSchema = Type.Object({ slug: Type.String(), nameKo: Type.String(), nameEn: Type.String() });
/** A category option, see {@link CategoryOptionSchema}. */
export type CategoryOption = Static<typeof CategoryOptionSchema>;
