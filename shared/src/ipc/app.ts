import { Type, type Static } from '@sinclair/typebox';

/** Where the ffmpeg in use was found: config/env first, then the system, then the bundled one. */
export const FfmpegSourceSchema = Type.Union([
  Type.Literal('configured'),
  Type.Literal('system'),
  Type.Literal('bundled'),
]);

/** Result of `app:info`. */
export const AppInfoSchema = Type.Object({
  name: Type.String(),
  version: Type.String(),
  platform: Type.String(),
  versions: Type.Object({ electron: Type.String(), chrome: Type.String(), node: Type.String() }),
  ffmpeg: Type.Union([
    Type.Object({ path: Type.String(), source: FfmpegSourceSchema, version: Type.String() }),
    Type.Null(),
  ]),
  /** Folder main records into (null when recording is unavailable). */
  recordDir: Type.Union([Type.String(), Type.Null()]),
});
/** Application and runtime versions, see {@link AppInfoSchema}. */
export type AppInfo = Static<typeof AppInfoSchema>;
