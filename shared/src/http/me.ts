import { Type, type Static } from '@sinclair/typebox';
import { UserSchema } from './auth.js';
import { ChannelOwnerSchema, ChannelPublicSchema } from './channels.js';

export const MeSchema = Type.Object({ user: UserSchema, channel: ChannelOwnerSchema });
export type Me = Static<typeof MeSchema>;

export const FollowingListSchema = Type.Object({ channels: Type.Array(ChannelPublicSchema) });
export type FollowingList = Static<typeof FollowingListSchema>;

/** Someone on a channel's moderation lists. */
export const ModerationUserSchema = Type.Object({ userId: Type.Integer({ minimum: 1 }), nickname: Type.String() });
export type ModerationUser = Static<typeof ModerationUserSchema>;

/** The streamer's view of who moderates their chat and who is banned from it. */
export const ChannelModerationSchema = Type.Object({
  moderators: Type.Array(ModerationUserSchema),
  banned: Type.Array(ModerationUserSchema),
});
export type ChannelModeration = Static<typeof ChannelModerationSchema>;

export const AppointModeratorSchema = Type.Object({ nickname: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false });
export type AppointModerator = Static<typeof AppointModeratorSchema>;

export const ModerationUserParamsSchema = Type.Object({ userId: Type.Integer({ minimum: 1 }) });

/** The channel's own filter words (on top of the base list); the chat settings pick mask or block. */
export const ChatWordsSchema = Type.Object(
  { words: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500 }) },
  { additionalProperties: false },
);
export type ChatWords = Static<typeof ChatWordsSchema>;
