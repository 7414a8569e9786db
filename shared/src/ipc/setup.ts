import { Type, type Static } from '@sinclair/typebox';
import { HardwareEncoderSchema } from './broadcast.js';
import { OutputPresetSchema } from './settings.js';

/** One encode trial of `setup:measure`: libx264 veryfast on a test pattern at one size. */
export const EncodeSampleSchema = Type.Object({
  preset: OutputPresetSchema,
  fps: Type.Integer(),
  /** Frames encoded per second of wall time divided by `fps` (1 = exactly real time). */
  speed: Type.Number({ minimum: 0 }),
  /** Encoder CPU in core-seconds per second of video. */
  cpuPerSec: Type.Number({ minimum: 0 }),
});
/** One encode trial, see {@link EncodeSampleSchema}. */
export type EncodeSample = Static<typeof EncodeSampleSchema>;

/** Result of `setup:measure`: the trials and the settings they suggest (null if none kept up). */
export const SetupResultSchema = Type.Object({
  samples: Type.Array(EncodeSampleSchema),
  recommended: Type.Union([
    Type.Object({ preset: OutputPresetSchema, fps: Type.Union([Type.Literal(30), Type.Literal(60)]), videoBitrateKbps: Type.Integer() }),
    Type.Null(),
  ]),
});
/** Result of `setup:measure`. */
export type SetupResult = Static<typeof SetupResultSchema>;

/** Bitrate for each size at 30 fps (60 fps gets 1.5×), from common platform guidance. */
export const SETUP_BITRATE_KBPS = { '1080p': 4500, '720p': 2500, '480p': 1200, '360p': 800 } as const satisfies Record<Static<typeof OutputPresetSchema>, number>;

/**
 * Minimum encode speed to recommend a size. Capture and compositing share the machine with the
 * encoder, so real time alone (1×) is not enough headroom.
 */
export const SETUP_MIN_SPEED = 1.5;

/**
 * The largest size that encoded with headroom; 60 fps only with twice that (and not at 1080p).
 * Shared by main's x264 trial and the renderer's WebCodecs trial.
 */
export function recommendOutput(samples: EncodeSample[]): SetupResult['recommended'] {
  for (const preset of ['1080p', '720p', '480p', '360p'] as const) {
    const s30 = samples.find((s) => s.preset === preset && s.fps === 30);
    if (!s30 || s30.speed < SETUP_MIN_SPEED) continue;
    const fps = s30.speed >= SETUP_MIN_SPEED * 2 && preset !== '1080p' ? 60 : 30;
    return { preset, fps, videoBitrateKbps: Math.round(SETUP_BITRATE_KBPS[preset] * (fps === 60 ? 1.5 : 1)) };
  }
  return null;
}

/** Result of `setup:encoders`: ffmpeg's hardware encoders that completed a trial encode here. */
export const EncodersResultSchema = Type.Object({ hardware: Type.Array(HardwareEncoderSchema) });
/** Result of `setup:encoders`. */
export type EncodersResult = Static<typeof EncodersResultSchema>;
