import { Type, type Static } from '@sinclair/typebox';
import { MULTILINE_TEXT_PATTERN, VISIBLE_TEXT_PATTERN, plainTextPattern } from '../text/plain-text.js';
import { LADDER_STATES, LadderRungNameSchema } from './ladder.js';

/** Lower-case ASCII slug used in `/c/<slug>` URLs. */
export const SlugSchema = Type.String({
  pattern: '^[a-z0-9](?:[a-z0-9_-]{1,30}[a-z0-9])$',
  minLength: 3,
  maxLength: 32,
  description: '3-32 characters: a-z, 0-9, "-" and "_", starting and ending with a letter or digit',
});

/**
 * A channel address a streamer picks (once) on the dashboard: 3-20 of a-z, 0-9, "-" and "_",
 * starting and ending with a letter or digit, and none of {@link RESERVED_SLUGS}.
 */
export const ChannelSlugChoiceSchema = Type.String({
  pattern: '^[a-z0-9][a-z0-9_-]{1,18}[a-z0-9]$',
  minLength: 3,
  maxLength: 20,
  description: '3-20 characters: a-z, 0-9, "-" and "_", starting and ending with a letter or digit',
});

/** Addresses no streamer may take: site paths and names that would pass for the platform's own. */
export const RESERVED_SLUGS: readonly string[] = [
  'admin', 'administrator', 'api', 'app', 'assets', 'auth', 'c', 'category', 'channel', 'channels', 'chat',
  'dashboard', 'docs', 'following', 'help', 'hls', 'internal', 'lait', 'live', 'login', 'logout', 'me',
  'moderator', 'official', 'root', 'search', 'settings', 'signup', 'static', 'support', 'system', 'www',
];

/** Opaque, public id of a channel's video. HLS lives under it; it never reveals the stream key. */
export const PlaybackIdSchema = Type.String({ pattern: '^[A-Za-z0-9]{16,32}$' });

/**
 * 1-140 characters with at least one that is not white space (the server stores it trimmed), and
 * none of the controls or bidi overrides that {@link VISIBLE_TEXT_PATTERN} refuses (issue 9).
 */
export const ChannelTitleSchema = Type.String({
  minLength: 1, maxLength: 140, pattern: VISIBLE_TEXT_PATTERN,
  description: 'not only white space, no control characters or bidi overrides; stored trimmed',
});

/**
 * `reconnecting`: the publisher dropped and the broadcast waits for it (be right back) for a grace
 * period; the session, chat and viewer count carry on. A republish within it resumes the broadcast.
 */
export const ChannelStatusSchema = Type.Union([Type.Literal('live'), Type.Literal('reconnecting'), Type.Literal('offline')]);
export type ChannelStatus = Static<typeof ChannelStatusSchema>;

/** The person behind a channel, as viewers see them on cards and the channel page. */
export const ChannelStreamerSchema = Type.Object({
  nickname: Type.String(),
  /** Null until the streamer uploads an avatar; clients then draw the nickname's first letter. */
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
});
export type ChannelStreamer = Static<typeof ChannelStreamerSchema>;

/** A channel as anyone may see it. Never carries a stream key. */
export const ChannelPublicSchema = Type.Object(
  {
    slug: SlugSchema,
    title: Type.String(),
    category: Type.Union([Type.String(), Type.Null()]),
    /** True from publish until the broadcast ends, including a be-right-back grace. */
    live: Type.Boolean(),
    status: ChannelStatusSchema,
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
    /** The owner's public profile; null for a channel no account owns (created from the CLI). */
    streamer: Type.Union([ChannelStreamerSchema, Type.Null()]),
  },
  { $id: 'ChannelPublic' },
);
export type ChannelPublic = Static<typeof ChannelPublicSchema>;

export const ChannelListQuerySchema = Type.Object(
  {
    live: Type.Optional(Type.Boolean()),
    category: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{2,32}$' })),
    /** Search over channel names, titles and streamer nicknames; Hangul initial consonants (ㄹㅇ) match syllables (라잇). */
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

/** No `,` or `#`, no leading white space, no controls or bidi overrides. */
export const ChannelTagSchema = Type.String({ minLength: 1, maxLength: 24, pattern: `^(?!\\s)${plainTextPattern(',#')}` });
/** Multi-line: newlines and tabs are fine, other controls and bidi overrides are not. */
export const ChannelDescriptionSchema = Type.String({ maxLength: 2000, pattern: MULTILINE_TEXT_PATTERN });
export const LanguageSchema = Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' });

/** What the owner may change on their channel. */
export const ChannelUpdateSchema = Type.Object(
  {
    /** Allowed once per channel (see ChannelOwner.slugChangeable). */
    slug: Type.Optional(ChannelSlugChoiceSchema),
    title: Type.Optional(ChannelTitleSchema),
    description: Type.Optional(ChannelDescriptionSchema),
    category: Type.Optional(Type.Union([Type.String({ pattern: '^[a-z0-9-]{2,32}$' }), Type.Null()])),
    tags: Type.Optional(Type.Array(ChannelTagSchema, { maxItems: 10 })),
    language: Type.Optional(LanguageSchema),
    /** Keep every broadcast as a VOD (on by default). */
    recordVods: Type.Optional(Type.Boolean()),
    /** VODs older than this are deleted, files and all. */
    vodRetentionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    /** Transcode lower rungs (adaptive quality) for viewers on slow links; off: viewers get the source only. */
    ladderEnabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ChannelUpdate = Static<typeof ChannelUpdateSchema>;

/** What the dashboard may warn about while a stream is live. */
export const STREAM_WARNING_CODES = [
  'KEYFRAME_INTERVAL_TOO_LONG',
  'LOW_BITRATE',
  'LOW_FPS',
  /** A ladder rung's transcoder has run below real time for a while: its viewers stall. */
  'LADDER_BEHIND',
  /** The ingest node ladders as many streams as it can: this one's viewers get the source only. */
  'LADDER_AT_CAPACITY',
] as const;
export const StreamWarningSchema = Type.Union(STREAM_WARNING_CODES.map((c) => Type.Literal(c)));
export type StreamWarning = Static<typeof StreamWarningSchema>;

/** One ladder rung as the dashboard shows it. */
export const LadderRungHealthSchema = Type.Object({
  name: LadderRungNameSchema,
  height: Type.Integer(),
  /** In the master playlist now (viewers can switch to it). */
  live: Type.Boolean(),
  /** Transcoder speed (1 = real time); null before its first progress report. */
  speed: Type.Union([Type.Number(), Type.Null()]),
  bitrateKbps: Type.Union([Type.Integer(), Type.Null()]),
});
export type LadderRungHealth = Static<typeof LadderRungHealthSchema>;

/**
 * The adaptive quality ladder of a live stream. `off`: the streamer turned it off; `unknown`: the
 * ingest node did not say (its supervisor is down or does not carry the stream yet).
 */
export const LadderHealthSchema = Type.Object({
  state: Type.Union([...LADDER_STATES.map((s) => Type.Literal(s)), Type.Literal('unknown')]),
  rungs: Type.Array(LadderRungHealthSchema),
});
export type LadderHealth = Static<typeof LadderHealthSchema>;

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
  warnings: Type.Array(StreamWarningSchema),
  ladder: LadderHealthSchema,
});
export type StreamHealth = Static<typeof StreamHealthSchema>;

/** The owner's view of their channel: never the key itself, only whether one exists. */
export const ChannelOwnerSchema = Type.Composite([
  ChannelPublicSchema,
  Type.Object({
    hasStreamKey: Type.Boolean(),
    rtmpUrl: Type.String(),
    health: Type.Union([StreamHealthSchema, Type.Null()]),
    recordVods: Type.Boolean(),
    vodRetentionDays: Type.Integer({ minimum: 1 }),
    /** The adaptive quality ladder is allowed for this channel (on by default). */
    ladderEnabled: Type.Boolean(),
    /** True until the streamer has picked their channel address; it can be picked once. */
    slugChangeable: Type.Boolean(),
  }),
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

/** Since when a user follows a channel (public, as on Twitch's user card); null when they do not. */
export const FollowedSinceSchema = Type.Object({ followedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) });
export type FollowedSince = Static<typeof FollowedSinceSchema>;

export const ChannelFollowerParamsSchema = Type.Object({ slug: SlugSchema, userId: Type.Integer({ minimum: 1 }) });

export const FollowStateSchema = Type.Object({ following: Type.Boolean(), followerCount: Type.Integer({ minimum: 0 }) });
export type FollowState = Static<typeof FollowStateSchema>;
