import { Type, type Static } from '@sinclair/typebox';
import { ERROR_CODES } from '../errors/codes.js';

/**
 * Lifecycle of a broadcast: `idle → connecting → live`, `live → reconnecting → connecting`
 * when ffmpeg exits while the user still wants to be live, and `* → stopping → idle` on stop.
 */
export const BroadcastStateSchema = Type.Union([
  Type.Literal('idle'),
  Type.Literal('connecting'),
  Type.Literal('live'),
  Type.Literal('reconnecting'),
  Type.Literal('stopping'),
]);
/** One of the five broadcast states. */
export type BroadcastState = Static<typeof BroadcastStateSchema>;

/** ffmpeg's hardware H.264 encoders Lait can drive (offered only where a trial encode works). */
export const HardwareEncoderSchema = Type.Union([
  Type.Literal('nvenc'),
  Type.Literal('qsv'),
  Type.Literal('amf'),
  Type.Literal('videotoolbox'),
  Type.Literal('vaapi'),
]);
/** A hardware encoder, see {@link HardwareEncoderSchema}. */
export type HardwareEncoder = Static<typeof HardwareEncoderSchema>;

/**
 * How ffmpeg treats the incoming video.
 * `copy`: pass the app's H.264 through (the app forces keyframes every interval).
 * `x264`: re-encode with libx264 and a fixed GOP (steady keyframes whatever the input has).
 * A {@link HardwareEncoder}: re-encode on the GPU's encoder through ffmpeg, same fixed GOP.
 */
export const VideoEncoderSchema = Type.Union([Type.Literal('x264'), Type.Literal('copy'), ...HardwareEncoderSchema.anyOf]);
/** Video encoder choice, see {@link VideoEncoderSchema}. */
export type VideoEncoder = Static<typeof VideoEncoderSchema>;

/** Output video settings. `keyframeSec` sets the GOP, which sets the shortest HLS fragment. */
export const VideoSettingsSchema = Type.Object(
  {
    width: Type.Integer({ minimum: 160, maximum: 3840, multipleOf: 2 }),
    height: Type.Integer({ minimum: 90, maximum: 2160, multipleOf: 2 }),
    fps: Type.Integer({ minimum: 1, maximum: 60 }),
    bitrateKbps: Type.Integer({ minimum: 100, maximum: 20000 }),
    keyframeSec: Type.Number({ minimum: 0.5, maximum: 10 }),
    encoder: VideoEncoderSchema,
  },
  { additionalProperties: false },
);
/** Output video settings, see {@link VideoSettingsSchema}. */
export type VideoSettings = Static<typeof VideoSettingsSchema>;

/** Output audio settings (AAC, 48 kHz stereo). */
export const AudioSettingsSchema = Type.Object(
  { bitrateKbps: Type.Integer({ minimum: 32, maximum: 320 }) },
  { additionalProperties: false },
);
/** Output audio settings, see {@link AudioSettingsSchema}. */
export type AudioSettings = Static<typeof AudioSettingsSchema>;

/**
 * Where the media comes from.
 * `stream`: the renderer sends a muxed stream (its WebCodecs encoders in Matroska; WebM is the
 * same container) with `broadcast:write`.
 * `testsrc`: ffmpeg generates colour bars and a tone itself (diagnostics, tests).
 */
export const BroadcastInputSchema = Type.Union([
  Type.Object(
    { kind: Type.Literal('stream'), container: Type.Union([Type.Literal('webm'), Type.Literal('matroska')]) },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('testsrc') }, { additionalProperties: false }),
]);
/** Media input, see {@link BroadcastInputSchema}. */
export type BroadcastInput = Static<typeof BroadcastInputSchema>;

/**
 * Where to publish. `account`: main asks the signed-in server for a publish token before each
 * connect (the renderer never sees it). `custom`: a typed RTMP URL and key.
 */
export const BroadcastTargetSchema = Type.Union([
  Type.Object({ kind: Type.Literal('account') }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('custom'),
      rtmpUrl: Type.String({ pattern: '^rtmps?://[^\\s/]+(:\\d+)?/[^\\s]*$', maxLength: 512 }),
      streamKey: Type.String({ pattern: '^[A-Za-z0-9_-]{1,128}$' }),
    },
    { additionalProperties: false },
  ),
]);
/** Publish destination, see {@link BroadcastTargetSchema}. */
export type BroadcastTarget = Static<typeof BroadcastTargetSchema>;

/**
 * Arguments of `broadcast:start`. The renderer never passes a file path: `record` asks main
 * to record into the recordings folder it owns.
 */
export const BroadcastStartArgsSchema = Type.Object(
  {
    target: BroadcastTargetSchema,
    video: VideoSettingsSchema,
    audio: AudioSettingsSchema,
    input: BroadcastInputSchema,
    record: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
/** Arguments of `broadcast:start`. */
export type BroadcastStartArgs = Static<typeof BroadcastStartArgsSchema>;

/**
 * One media chunk for ffmpeg's stdin. `epoch` is the input epoch from {@link BroadcastStatus}:
 * every ffmpeg (re)start opens a new epoch and needs a fresh stream (new container header and
 * keyframe), so chunks of an older epoch are dropped.
 */
export const BroadcastWriteArgsSchema = Type.Object(
  { epoch: Type.Integer({ minimum: 0 }), data: Type.Uint8Array({ maxByteLength: 16 * 1024 * 1024 }) },
  { additionalProperties: false },
);
/** Arguments of `broadcast:write`. */
export type BroadcastWriteArgs = Static<typeof BroadcastWriteArgsSchema>;

/** Result of `broadcast:write`: bytes queued for ffmpeg, for back-pressure. */
export const BroadcastWriteResultSchema = Type.Object({
  accepted: Type.Boolean(),
  queuedBytes: Type.Integer({ minimum: 0 }),
});
/** Result of `broadcast:write`. */
export type BroadcastWriteResult = Static<typeof BroadcastWriteResultSchema>;

/** Encoder health parsed from ffmpeg `-progress pipe:1` blocks. */
export const BroadcastHealthSchema = Type.Object({
  frame: Type.Integer({ minimum: 0 }),
  fps: Type.Number({ minimum: 0 }),
  bitrateKbps: Type.Number({ minimum: 0 }),
  speed: Type.Number({ minimum: 0 }),
  dropFrames: Type.Integer({ minimum: 0 }),
  dupFrames: Type.Integer({ minimum: 0 }),
  outTimeMs: Type.Number({ minimum: 0 }),
  /** Bytes written by the renderer that ffmpeg has not read yet: grows when upload falls behind. */
  queuedBytes: Type.Optional(Type.Integer({ minimum: 0 })),
  /** ffmpeg's CPU use in percent of one core, sampled about once a second. */
  cpuPercent: Type.Optional(Type.Number({ minimum: 0 })),
  at: Type.Number({ description: 'epoch milliseconds when the block was read' }),
});
/** Encoder health, see {@link BroadcastHealthSchema}. */
export type BroadcastHealth = Static<typeof BroadcastHealthSchema>;

/** Any code of `ERROR_CODES`, as a schema. */
export const ErrorCodeSchema = Type.Union(ERROR_CODES.map((c) => Type.Literal(c)));

/**
 * A broadcast failure. For ffmpeg failures `exitCode` and the last lines of stderr are kept,
 * so the UI and logs can explain the failure without guessing.
 */
export const BroadcastErrorSchema = Type.Object({
  code: ErrorCodeSchema,
  message: Type.String(),
  exitCode: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  stderrTail: Type.Optional(Type.String()),
  willRetry: Type.Boolean(),
});
/** A broadcast failure, see {@link BroadcastErrorSchema}. */
export type BroadcastError = Static<typeof BroadcastErrorSchema>;

/** Snapshot of the broadcast, answered by `broadcast:status` and pushed as `broadcast:state`. */
export const BroadcastStatusSchema = Type.Object({
  state: BroadcastStateSchema,
  since: Type.Number({ description: 'epoch milliseconds of the last state change' }),
  epoch: Type.Integer({ minimum: 0, description: 'input epoch, see BroadcastWriteArgs' }),
  attempt: Type.Integer({ minimum: 0, description: 'reconnect attempts since the last live' }),
  nextRetryAt: Type.Optional(Type.Number()),
  health: Type.Optional(BroadcastHealthSchema),
  /** Epoch milliseconds of the first `live` of this broadcast (kept across reconnects). */
  liveSince: Type.Optional(Type.Number()),
  /** File being recorded by the current run, inside main's recordings folder. */
  recordingPath: Type.Optional(Type.String()),
  lastError: Type.Optional(BroadcastErrorSchema),
});
/** Broadcast snapshot, see {@link BroadcastStatusSchema}. */
export type BroadcastStatus = Static<typeof BroadcastStatusSchema>;
