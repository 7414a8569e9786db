import { Type, type Static } from '@sinclair/typebox';
import { ChatRoleSchema } from '../chat/messages.js';
import { SlugSchema } from './channels.js';

/** Public id of a VOD: random, unrelated to the stream key or the playback id. */
export const VideoIdSchema = Type.String({ pattern: '^[A-Za-z0-9]{12,16}$' });

export const VideoIdParamsSchema = Type.Object({ id: VideoIdSchema });
export type VideoIdParams = Static<typeof VideoIdParamsSchema>;

/** A past broadcast kept as a VOD (made from the live fragments, no second encode). */
export const VideoSchema = Type.Object(
  {
    id: VideoIdSchema,
    channel: Type.Object({ slug: SlugSchema, title: Type.String() }),
    title: Type.String(),
    category: Type.Union([Type.String(), Type.Null()]),
    startedAt: Type.String({ format: 'date-time' }),
    durationSec: Type.Number({ minimum: 0 }),
    hlsUrl: Type.String({ description: 'HLS VOD playlist (EXT-X-PLAYLIST-TYPE:VOD, EXT-X-ENDLIST)' }),
    thumbnailUrl: Type.Union([Type.String(), Type.Null()]),
    /** Only the channel owner ever sees hidden videos (in their own listing). */
    hidden: Type.Boolean(),
  },
  { $id: 'Video' },
);
export type Video = Static<typeof VideoSchema>;

export const VideoListSchema = Type.Object({ videos: Type.Array(VideoSchema) });
export type VideoList = Static<typeof VideoListSchema>;

export const VideoListQuerySchema = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })) },
  { additionalProperties: false },
);

/** What the owner may change on a video. */
export const VideoUpdateSchema = Type.Object({ hidden: Type.Boolean() }, { additionalProperties: false });
export type VideoUpdate = Static<typeof VideoUpdateSchema>;

/** Chat replay window, in seconds into the broadcast. */
export const VideoChatQuerySchema = Type.Object(
  {
    from: Type.Number({ minimum: 0, default: 0 }),
    to: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type VideoChatQuery = Static<typeof VideoChatQuerySchema>;

/** A chat message as it was sent during the broadcast, at its offset. */
export const ReplayMessageSchema = Type.Object({
  id: Type.String(),
  nickname: Type.String(),
  role: ChatRoleSchema,
  text: Type.String(),
  /** Seconds into the broadcast when it was sent. */
  offsetSec: Type.Number(),
});
export type ReplayMessage = Static<typeof ReplayMessageSchema>;

/** Deleted messages and messages of users banned from the channel are left out. At most 500 per answer. */
export const VideoChatSchema = Type.Object({ messages: Type.Array(ReplayMessageSchema) });
export type VideoChat = Static<typeof VideoChatSchema>;
