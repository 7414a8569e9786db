import { Type, type Static } from '@sinclair/typebox';

/** Lower-case ASCII slug used in `/c/<slug>` URLs. */
export const SlugSchema = Type.String({
  pattern: '^[a-z0-9](?:[a-z0-9_-]{1,30}[a-z0-9])$',
  minLength: 3,
  maxLength: 32,
  description: '3-32 characters: a-z, 0-9, "-" and "_", starting and ending with a letter or digit',
});

/** Opaque, public id of a channel's video. HLS lives under it; it never reveals the stream key. */
export const PlaybackIdSchema = Type.String({ pattern: '^[A-Za-z0-9]{16,32}$' });

export const ChannelTitleSchema = Type.String({ minLength: 1, maxLength: 140 });

/** A channel as anyone may see it. Never carries a stream key. */
export const ChannelPublicSchema = Type.Object(
  {
    slug: SlugSchema,
    title: Type.String(),
    category: Type.Union([Type.String(), Type.Null()]),
    live: Type.Boolean(),
    playbackId: PlaybackIdSchema,
    hlsUrl: Type.String({ description: 'HLS playlist of the live stream (404 while offline)' }),
    liveSince: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    viewerCount: Type.Integer({ minimum: 0 }),
  },
  { $id: 'ChannelPublic' },
);
export type ChannelPublic = Static<typeof ChannelPublicSchema>;

export const ChannelListQuerySchema = Type.Object(
  {
    live: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);
export type ChannelListQuery = Static<typeof ChannelListQuerySchema>;

export const ChannelListSchema = Type.Object({ channels: Type.Array(ChannelPublicSchema) });
export type ChannelList = Static<typeof ChannelListSchema>;

export const ChannelSlugParamsSchema = Type.Object({ slug: SlugSchema });
export type ChannelSlugParams = Static<typeof ChannelSlugParamsSchema>;
