import { Type, type Static } from '@sinclair/typebox';
import { SlugSchema } from './channels.js';
import { VideoIdSchema } from './videos.js';

export const ClipIdSchema = Type.String({ pattern: '^[A-Za-z0-9]{12,16}$' });
export const ClipIdParamsSchema = Type.Object({ id: ClipIdSchema });

/** Clip the last `seconds` of a live stream. */
export const LiveClipBodySchema = Type.Object({ seconds: Type.Integer({ minimum: 15, maximum: 60 }) }, { additionalProperties: false });
export type LiveClipBody = Static<typeof LiveClipBodySchema>;

/** Clip a range of a VOD, in seconds from its start (at most 60 s long). */
export const VideoClipBodySchema = Type.Object({ start: Type.Number({ minimum: 0 }), end: Type.Number({ minimum: 1 }) }, { additionalProperties: false });
export type VideoClipBody = Static<typeof VideoClipBodySchema>;

/** An MP4 remuxed from the stream's fragments (no re-encode), with a share page at `/clip/<id>`. */
export const ClipSchema = Type.Object(
  {
    id: ClipIdSchema,
    url: Type.String({ description: 'the MP4' }),
    shareUrl: Type.String({ description: 'page with og: tags' }),
    durationSec: Type.Number(),
    title: Type.String(),
    channel: Type.Object({ slug: SlugSchema, title: Type.String() }),
    videoId: Type.Union([VideoIdSchema, Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Clip' },
);
export type Clip = Static<typeof ClipSchema>;

export const ClipListSchema = Type.Object({ clips: Type.Array(ClipSchema) });
export type ClipList = Static<typeof ClipListSchema>;

export const ClipListQuerySchema = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })) },
  { additionalProperties: false },
);
