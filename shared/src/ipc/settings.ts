import { Type, type Static } from '@sinclair/typebox';
import { ServerUrlSchema } from './account.js';
import { VideoEncoderSchema } from './broadcast.js';
import { OverlayLayersSchema } from './overlays.js';

/** Output presets offered in the go-live screen. */
export const OutputPresetSchema = Type.Union([
  Type.Literal('1080p'),
  Type.Literal('720p'),
  Type.Literal('480p'),
  Type.Literal('360p'),
]);
/** An output preset name. */
export type OutputPreset = Static<typeof OutputPresetSchema>;

/** Frame size of each {@link OutputPreset}. */
export const OUTPUT_PRESETS: Readonly<Record<OutputPreset, { width: number; height: number }>> = {
  '1080p': { width: 1920, height: 1080 },
  '720p': { width: 1280, height: 720 },
  '480p': { width: 854, height: 480 },
  '360p': { width: 640, height: 360 },
};

/**
 * Where a broadcast goes. `account`: the signed-in Lait channel (main fetches a short-lived
 * publish token for every connect, so no key is ever typed or copied). `custom`: any RTMP URL and
 * key the user types.
 */
export const BroadcastModeSchema = Type.Union([Type.Literal('account'), Type.Literal('custom')]);
/** Broadcast destination mode, see {@link BroadcastModeSchema}. */
export type BroadcastMode = Static<typeof BroadcastModeSchema>;

/**
 * User settings the renderer may read and change. Deliberately absent: the ffmpeg path and the
 * recordings folder, which only main's config sets, so a compromised renderer cannot choose an
 * executable or a file to write.
 */
export const SettingsSchema = Type.Object(
  {
    locale: Type.Union([Type.Literal('ko'), Type.Literal('en')]),
    /** Lait server for sign-in and the channel; changing it signs out. */
    serverUrl: ServerUrlSchema,
    mode: BroadcastModeSchema,
    /** Ingest URL of the `custom` mode. */
    rtmpUrl: Type.String({ pattern: '^rtmps?://[^\\s/]+(:\\d+)?/[^\\s]*$', maxLength: 512 }),
    preset: OutputPresetSchema,
    fps: Type.Union([Type.Literal(30), Type.Literal(60)]),
    videoBitrateKbps: Type.Integer({ minimum: 300, maximum: 12000 }),
    audioBitrateKbps: Type.Integer({ minimum: 64, maximum: 320 }),
    keyframeSec: Type.Number({ minimum: 0.5, maximum: 4 }),
    /** `x264` (default) re-encodes with an exact GOP; `copy` passes MediaRecorder's H.264 through (less CPU, keyframes drift: docs/desktop.md). */
    encoder: VideoEncoderSchema,
    /** Also record locally, into main's recordings folder. */
    record: Type.Boolean(),
    /** Text, image and chat layers drawn over the scene, bottom first (images inline as data URLs). */
    overlays: OverlayLayersSchema,
  },
  { additionalProperties: false },
);
/** User settings, see {@link SettingsSchema}. */
export type Settings = Static<typeof SettingsSchema>;

/** Arguments of `settings:set`: any subset of the settings. */
export const SettingsPatchSchema = Type.Partial(SettingsSchema, { additionalProperties: false });
/** Arguments of `settings:set`. */
export type SettingsPatch = Static<typeof SettingsPatchSchema>;
