import { Type, type Static } from '@sinclair/typebox';

/**
 * The adaptive bitrate ladder, between an ingest node's ladder supervisor (nginx-rtmp/src/ladder)
 * and the server.
 *
 * Layout on disk and on the wire, under `<hlsDir>/<playbackId>/`:
 * - `index.m3u8` and its fragments: the source, written by nginx-rtmp, untouched;
 * - `<rung>/index.m3u8` (rung = `720p`, `480p`, `360p`): a transcoded rung whose fragment N holds the
 *   same media as the source's fragment N (same media sequence numbers and durations);
 * - `master.m3u8`: the source first, then the rungs that are live, with BANDWIDTH, AVERAGE-BANDWIDTH,
 *   RESOLUTION, CODECS and FRAME-RATE. It exists for every stream: with the ladder off it lists the
 *   source alone. The API's `hlsUrl` points at it.
 */
export const LADDER_RUNG_NAMES = ['1080p', '720p', '480p', '360p', '240p'] as const;
export const LadderRungNameSchema = Type.Union(LADDER_RUNG_NAMES.map((n) => Type.Literal(n)));
export type LadderRungName = Static<typeof LadderRungNameSchema>;

/** `GET /internal/rtmp/ladder?name=<playbackId>` (secret as for the other notify calls): may this stream be laddered? */
export const LadderPlanQuerySchema = Type.Object({
  secret: Type.String({ maxLength: 256 }),
  name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
  node: Type.Optional(Type.String({ maxLength: 64 })),
});
export type LadderPlanQuery = Static<typeof LadderPlanQuerySchema>;
export const LadderPlanSchema = Type.Object({ enabled: Type.Boolean() });
export type LadderPlan = Static<typeof LadderPlanSchema>;

/** One transcoded rung as the supervisor sees it. */
export const LadderRungStatusSchema = Type.Object({
  name: LadderRungNameSchema,
  width: Type.Integer(),
  height: Type.Integer(),
  fps: Type.Number(),
  /** Measured from its fragments; null before the first one. */
  bitrateKbps: Type.Union([Type.Integer(), Type.Null()]),
  /** In the master playlist now. */
  live: Type.Boolean(),
  /** ffmpeg's own speed (1 = real time; below 1 falls behind); null before its first progress line. */
  speed: Type.Union([Type.Number(), Type.Null()]),
  restarts: Type.Integer(),
});
export type LadderRungStatus = Static<typeof LadderRungStatusSchema>;

export const LADDER_STATES = ['transcoding', 'source-only', 'off', 'at-capacity', 'starting'] as const;
export const LadderStreamStatusSchema = Type.Object({
  /** The playback id. */
  name: Type.String(),
  state: Type.Union(LADDER_STATES.map((s) => Type.Literal(s))),
  /** CPU of this stream's transcoders, in cores (1 = one core busy). */
  cpuCores: Type.Union([Type.Number(), Type.Null()]),
  rungs: Type.Array(LadderRungStatusSchema),
});
export type LadderStreamStatus = Static<typeof LadderStreamStatusSchema>;

/** `GET http://127.0.0.1:<controlPort>/ladder` on an ingest node: every stream it ladders. */
export const LadderStatusSchema = Type.Object({
  /** How many streams this node ladders at once (measured at start or LADDER_CAPACITY). */
  capacity: Type.Integer({ minimum: 0 }),
  encoder: Type.String(),
  streams: Type.Array(LadderStreamStatusSchema),
});
export type LadderStatus = Static<typeof LadderStatusSchema>;
