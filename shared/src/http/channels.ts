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
    description: Type.String(),
    tags: Type.Array(Type.String()),
    language: Type.String(),
    /** Latest still of the stream (kept as the offline image); null before the first live. */
    thumbnailUrl: Type.Union([Type.String(), Type.Null()]),
    followerCount: Type.Integer({ minimum: 0 }),
  },
  { $id: 'ChannelPublic' },
);
export type ChannelPublic = Static<typeof ChannelPublicSchema>;

export const ChannelListQuerySchema = Type.Object(
  {
    live: Type.Optional(Type.Boolean()),
    category: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{2,32}$' })),
    /** Search over channel names and titles; Hangul initial consonants (ㄹㅇ) match syllables (라잇). */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    sort: Type.Optional(Type.Union([Type.Literal('viewers'), Type.Literal('recent')], { default: 'viewers' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);
export type ChannelListQuery = Static<typeof ChannelListQuerySchema>;

export const ChannelListSchema = Type.Object({ channels: Type.Array(ChannelPublicSchema) });
export type ChannelList = Static<typeof ChannelListSchema>;

export const ChannelSlugParamsSchema = Type.Object({ slug: SlugSchema });
export type ChannelSlugParams = Static<typeof ChannelSlugParamsSchema>;

export const ChannelTagSchema = Type.String({ minLength: 1, maxLength: 24, pattern: '^[^,#\\s][^,#]*$' });
export const LanguageSchema = Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' });

/** What the owner may change on their channel. */
export const ChannelUpdateSchema = Type.Object(
  {
    slug: Type.Optional(SlugSchema),
    title: Type.Optional(ChannelTitleSchema),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    category: Type.Optional(Type.Union([Type.String({ pattern: '^[a-z0-9-]{2,32}$' }), Type.Null()])),
    tags: Type.Optional(Type.Array(ChannelTagSchema, { maxItems: 10 })),
    language: Type.Optional(LanguageSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ChannelUpdate = Static<typeof ChannelUpdateSchema>;

/** Stream health as the server sees it from the ingest. */
export const StreamHealthSchema = Type.Object({
  bitrateKbps: Type.Number(),
  fps: Type.Union([Type.Number(), Type.Null()]),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  /** Seconds between the last keyframes; null until two were seen. */
  keyframeIntervalSec: Type.Union([Type.Number(), Type.Null()]),
  durationSec: Type.Number(),
  viewers: Type.Integer({ minimum: 0 }),
  warnings: Type.Array(Type.Union([Type.Literal('KEYFRAME_INTERVAL_TOO_LONG'), Type.Literal('LOW_BITRATE'), Type.Literal('LOW_FPS')])),
});
export type StreamHealth = Static<typeof StreamHealthSchema>;

/** The owner's view of their channel: never the key itself, only whether one exists. */
export const ChannelOwnerSchema = Type.Composite([
  ChannelPublicSchema,
  Type.Object({ hasStreamKey: Type.Boolean(), rtmpUrl: Type.String(), health: Type.Union([StreamHealthSchema, Type.Null()]) }),
]);
export type ChannelOwner = Static<typeof ChannelOwnerSchema>;

export const StreamKeyResponseSchema = Type.Object({ streamKey: Type.String(), rtmpUrl: Type.String() });
export type StreamKeyResponse = Static<typeof StreamKeyResponseSchema>;

export const PublishTokenResponseSchema = Type.Object({
  token: Type.String({ description: 'use as the stream key; valid to start publishing until expiresAt' }),
  rtmpUrl: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type PublishTokenResponse = Static<typeof PublishTokenResponseSchema>;

export const FollowStateSchema = Type.Object({ following: Type.Boolean(), followerCount: Type.Integer({ minimum: 0 }) });
export type FollowState = Static<typeof FollowStateSchema>;
