import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** The repository root, so that the server and `npx lait` find the same data wherever they are run from. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], { default: 'development' }),
  HOST: Type.String({ default: '0.0.0.0' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  DATA_DIR: Type.String({ default: path.join(repoRoot, 'data') }),
  /** `sqlite:<file>` (default, embedded) or `mysql://user:pass@host:port/db`. */
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^(sqlite:|mysql://)' })),
  /** Unset: in-process state. Set: chat, rate limits and viewer counts are shared across server processes. */
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  /** Where people open the site, used in links the CLI prints. */
  PUBLIC_URL: Type.String({ default: 'http://localhost:3000' }),
  /** Base of public HLS: playlists are `<HLS_PUBLIC_URL>/<playbackId>/index.m3u8`. */
  HLS_PUBLIC_URL: Type.String({ default: 'http://localhost:8080/hls' }),
  /** What streamers put in OBS as "Server". */
  RTMP_PUBLIC_URL: Type.String({ default: 'rtmp://localhost:1935/live' }),
  /** nginx's loopback-only HTTP server with /stat and /control. */
  NGINX_CONTROL_URL: Type.String({ default: 'http://127.0.0.1:8081' }),
  /** Shared with nginx: its notify calls carry it. Unset: a random one, so nothing but a configured nginx can authorise. */
  RTMP_NOTIFY_SECRET: Type.Optional(Type.String({ minLength: 16 })),
  /** Directory of the built viewer-web site to serve; empty disables it. */
  WEB_DIST_DIR: Type.String({ default: path.join(repoRoot, 'viewer-web', 'dist') }),
  /** Signs access tokens. Unset: a random one kept in DATA_DIR, so restarts keep sessions; set it when running several processes. */
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  ACCESS_TOKEN_TTL_SEC: Type.Integer({ minimum: 30, default: 900 }),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, default: 30 }),
  PUBLISH_TOKEN_TTL_SEC: Type.Integer({ minimum: 30, default: 600 }),
  /** Kakao login (REST API key). Unset: the Kakao button answers 503 with a clear message. */
  KAKAO_CLIENT_ID: Type.Optional(Type.String()),
  KAKAO_CLIENT_SECRET: Type.Optional(Type.String()),
  KAKAO_AUTH_URL: Type.String({ default: 'https://kauth.kakao.com/oauth/authorize' }),
  KAKAO_TOKEN_URL: Type.String({ default: 'https://kauth.kakao.com/oauth/token' }),
  KAKAO_API_URL: Type.String({ default: 'https://kapi.kakao.com' }),
  /** ffmpeg for live thumbnails. */
  FFMPEG_PATH: Type.String({ default: 'ffmpeg' }),
  /** How the server itself reaches HLS (thumbnails, health); defaults to HLS_PUBLIC_URL. */
  HLS_INTERNAL_URL: Type.Optional(Type.String()),
  THUMBNAIL_INTERVAL_MS: Type.Integer({ minimum: 1000, default: 20_000 }),
  /** Rate limits can be loosened for load tests; never disabled. */
  RATE_LIMIT_LOGIN_PER_MIN: Type.Integer({ minimum: 1, default: 10 }),
  RATE_LIMIT_SIGNUP_PER_HOUR: Type.Integer({ minimum: 1, default: 20 }),
  RATE_LIMIT_KEY_PER_HOUR: Type.Integer({ minimum: 1, default: 20 }),
  /** How often live channels are reconciled against nginx's stat page. */
  LIVE_RECONCILE_MS: Type.Integer({ minimum: 500, default: 10_000 }),
});

type Env = Static<typeof EnvSchema>;

export interface Config {
  readonly env: Env['NODE_ENV'];
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly dataDir: string;
  readonly database: { readonly type: 'sqlite'; readonly file: string } | { readonly type: 'mysql'; readonly url: string };
  readonly redisUrl: string | undefined;
  readonly publicUrl: string;
  readonly hlsPublicUrl: string;
  readonly rtmpPublicUrl: string;
  readonly nginxControlUrl: string;
  readonly rtmpNotifySecret: string;
  readonly webDistDir: string;
  readonly liveReconcileMs: number;
  readonly jwtSecret: string | undefined;
  readonly accessTokenTtlSec: number;
  readonly refreshTokenTtlDays: number;
  readonly publishTokenTtlSec: number;
  readonly kakao: { readonly clientId: string | undefined; readonly clientSecret: string | undefined; readonly authUrl: string; readonly tokenUrl: string; readonly apiUrl: string };
  readonly ffmpegPath: string;
  readonly hlsInternalUrl: string;
  readonly thumbnailIntervalMs: number;
  readonly rateLimits: { readonly loginPerMin: number; readonly signupPerHour: number; readonly keyPerHour: number };
  /** Cookies get `Secure` when the site is served over https. */
  readonly secureCookies: boolean;
}

export class ConfigError extends Error {}

/** Parses the environment once; names the variable at fault. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof Env, string>> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = overrides[key as keyof Env] ?? source[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Default(EnvSchema, Value.Convert(EnvSchema, raw));
  const errors = [...Value.Errors(EnvSchema, converted)];
  if (errors.length > 0) {
    const details = errors.map((e) => `${e.path.slice(1) || '(env)'}: ${e.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${details}`);
  }
  const env = converted as Env;
  const dataDir = path.resolve(env.DATA_DIR);
  const dbUrl = env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'lait.sqlite')}`;
  return Object.freeze({
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    dataDir,
    database: dbUrl.startsWith('mysql://')
      ? { type: 'mysql' as const, url: dbUrl }
      : { type: 'sqlite' as const, file: path.resolve(dbUrl.slice('sqlite:'.length)) },
    redisUrl: env.REDIS_URL,
    publicUrl: env.PUBLIC_URL.replace(/\/$/, ''),
    hlsPublicUrl: env.HLS_PUBLIC_URL.replace(/\/$/, ''),
    rtmpPublicUrl: env.RTMP_PUBLIC_URL.replace(/\/$/, ''),
    nginxControlUrl: env.NGINX_CONTROL_URL.replace(/\/$/, ''),
    rtmpNotifySecret: env.RTMP_NOTIFY_SECRET ?? randomBytes(24).toString('base64url'),
    webDistDir: env.WEB_DIST_DIR,
    liveReconcileMs: env.LIVE_RECONCILE_MS,
    jwtSecret: env.JWT_SECRET,
    accessTokenTtlSec: env.ACCESS_TOKEN_TTL_SEC,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    publishTokenTtlSec: env.PUBLISH_TOKEN_TTL_SEC,
    kakao: Object.freeze({
      clientId: env.KAKAO_CLIENT_ID,
      clientSecret: env.KAKAO_CLIENT_SECRET,
      authUrl: env.KAKAO_AUTH_URL,
      tokenUrl: env.KAKAO_TOKEN_URL,
      apiUrl: env.KAKAO_API_URL.replace(/\/$/, ''),
    }),
    ffmpegPath: env.FFMPEG_PATH,
    hlsInternalUrl: (env.HLS_INTERNAL_URL ?? env.HLS_PUBLIC_URL).replace(/\/$/, ''),
    thumbnailIntervalMs: env.THUMBNAIL_INTERVAL_MS,
    rateLimits: Object.freeze({ loginPerMin: env.RATE_LIMIT_LOGIN_PER_MIN, signupPerHour: env.RATE_LIMIT_SIGNUP_PER_HOUR, keyPerHour: env.RATE_LIMIT_KEY_PER_HOUR }),
    secureCookies: env.PUBLIC_URL.startsWith('https://'),
  });
}
