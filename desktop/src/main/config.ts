import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

const EnvSchema = Type.Object({
  /** Explicit ffmpeg executable; wins over system and bundled ffmpeg. */
  LAIT_FFMPEG_PATH: Type.Optional(Type.String({ minLength: 1 })),
  /** Where recordings go (main owns it; the renderer only asks to record). */
  LAIT_RECORD_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /** Lait server a new install signs in to. */
  LAIT_SERVER_URL: Type.String({ default: 'http://127.0.0.1:3000', pattern: '^https?://' }),
  /** Default ingest URL of the custom-server mode. */
  LAIT_RTMP_URL: Type.String({ default: 'rtmp://127.0.0.1:1935/live', pattern: '^rtmps?://' }),
  LAIT_X264_PRESET: Type.Union(
    [Type.Literal('ultrafast'), Type.Literal('superfast'), Type.Literal('veryfast'), Type.Literal('faster'), Type.Literal('fast'), Type.Literal('medium')],
    { default: 'veryfast' },
  ),
  /** `1`: quit as soon as the window has loaded, printing LAIT_SMOKE_OK (the Electron smoke test). */
  LAIT_SMOKE: Type.Optional(Type.Literal('1')),
  /** Set by electron-vite in dev: the renderer's dev-server URL. */
  ELECTRON_RENDERER_URL: Type.Optional(Type.String()),
  PATH: Type.Optional(Type.String()),
});

/** Desktop main-process configuration, parsed once from the environment. */
export type DesktopConfig = Readonly<Static<typeof EnvSchema>>;

/** Parse and freeze the environment; throws naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): DesktopConfig {
  const picked = Object.fromEntries(
    Object.keys(EnvSchema.properties).flatMap((k) => (env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]])),
  );
  const withDefaults = Value.Default(EnvSchema, picked);
  const first = Value.Errors(EnvSchema, withDefaults).First();
  if (first) throw new Error(`Invalid environment variable ${first.path.slice(1)}: ${first.message}`);
  return Object.freeze(withDefaults as Static<typeof EnvSchema>);
}
