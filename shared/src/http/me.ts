import { Type, type Static } from '@sinclair/typebox';
import { UserSchema } from './auth.js';
import { ChannelOwnerSchema, ChannelPublicSchema } from './channels.js';

export const MeSchema = Type.Object({ user: UserSchema, channel: ChannelOwnerSchema });
export type Me = Static<typeof MeSchema>;

export const FollowingListSchema = Type.Object({ channels: Type.Array(ChannelPublicSchema) });
export type FollowingList = Static<typeof FollowingListSchema>;
