import { Type, type Static } from '@sinclair/typebox';
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
