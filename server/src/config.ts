import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AppError } from './errors/app-error.js';
import { databaseUrlOf, findRunningServer } from './lib/runtime-file.js';

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
  /** Base of public HLS: players load `<HLS_PUBLIC_URL>/<playbackId>/master.m3u8`. */
  HLS_PUBLIC_URL: Type.String({ default: 'http://localhost:8080/hls' }),
  /** What streamers put in OBS as "Server". */
  RTMP_PUBLIC_URL: Type.String({ default: 'rtmp://localhost:1935/live' }),
  /** nginx's loopback-only HTTP server with /stat and /control. */
  NGINX_CONTROL_URL: Type.String({ default: 'http://127.0.0.1:8081' }),
  /**
   * A cluster's ingest nodes: `ingest-0=http://ingest-0.ingest:8082,ingest-1=…` (node id → its
   * stat/control URL). Empty: one node at NGINX_CONTROL_URL. Notify calls name their node.
   */
  INGEST_CONTROL_URLS: Type.String({ default: '' }),
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
  /** Login attempts from one address over all accounts (RATE_LIMIT_LOGIN_PER_MIN is per address and account). */
  RATE_LIMIT_LOGIN_ADDRESS_PER_MIN: Type.Integer({ minimum: 1, default: 30 }),
  /** Per-account back-off: after this many failed logins (from anywhere, within an hour) the account is locked… */
  LOGIN_LOCKOUT_AFTER: Type.Integer({ minimum: 1, default: 5 }),
  /** …for this long, doubling with each further failure… */
  LOGIN_LOCKOUT_BASE_SEC: Type.Integer({ minimum: 1, default: 30 }),
  /** …up to this. */
  LOGIN_LOCKOUT_MAX_SEC: Type.Integer({ minimum: 1, default: 900 }),
  /**
   * Reverse proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDRs (or
   * `loopback`, `linklocal`, `uniquelocal`). Empty (default): the peer's address is the client's.
   */
  TRUST_PROXY: Type.String({ default: '' }),
  /** Open chat sockets one client address may hold (per server process). */
  CHAT_SOCKETS_PER_ADDRESS: Type.Integer({ minimum: 1, default: 100 }),
  /** New chat sockets one client address may open per minute (a fifth of it at once). */
  CHAT_CONNECTS_PER_ADDRESS_PER_MIN: Type.Integer({ minimum: 5, default: 120 }),
  /** Chat joins and history pages one client address may ask for per minute (a quarter of it at once). */
  CHAT_READS_PER_ADDRESS_PER_MIN: Type.Integer({ minimum: 4, default: 600 }),
  /**
   * A busy room's chat tick (ms): a room of more than 500 sockets on a process gathers its sends this
   * long before one INSERT and one frame per socket. Longer costs less CPU per delivery and adds
   * latency (bench/chat-fanout, 2,000 sockets: 75 ms p99 ≈135 ms; 125 ms ≈1.15× cheaper, p99 ≈200 ms).
   */
  CHAT_BUSY_ROOM_TICK_MS: Type.Integer({ minimum: 50, maximum: 250, default: 75 }),
  /** How often live channels are reconciled against nginx's stat page. */
  LIVE_RECONCILE_MS: Type.Integer({ minimum: 500, default: 10_000 }),
  /** Unset: no /metrics route. Set: Prometheus scrapes /metrics with `Authorization: Bearer <token>`. */
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  /** Unset: no error reporting. Set: 5xx and unhandled errors go to this Sentry project (scrubbed). */
  SENTRY_DSN: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** The site's own Sentry project (public by nature: browsers send to it). Unset: the site reports nothing. */
  SENTRY_WEB_DSN: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** Tags every reported error (defaults to NODE_ENV). */
  SENTRY_ENVIRONMENT: Type.Optional(Type.String({ maxLength: 64 })),
  /** Clips a signed-in user may make per 10 minutes. */
  RATE_LIMIT_CLIPS_PER_10MIN: Type.Integer({ minimum: 1, default: 5 }),
  /** Be right back: how long a broadcast whose publisher dropped waits for it; 0 ends it at once. */
  LIVE_GRACE_SEC: Type.Integer({ minimum: 0, maximum: 600, default: 30 }),
  /** How often VODs past their channel's retention are deleted. */
  VOD_RETENTION_SWEEP_MS: Type.Integer({ minimum: 1000, default: 3_600_000 }),
  /** Set S3_BUCKET to keep finished VODs in S3-compatible storage (path-style); unset keeps them in DATA_DIR/vods. */
  S3_BUCKET: Type.Optional(Type.String({ minLength: 3 })),
  /** For self-hosted stores (MinIO, Ceph…); unset means AWS. */
  S3_ENDPOINT: Type.Optional(Type.String({ pattern: '^https?://' })),
  S3_REGION: Type.String({ default: 'us-east-1' }),
  S3_ACCESS_KEY_ID: Type.Optional(Type.String()),
  S3_SECRET_ACCESS_KEY: Type.Optional(Type.String()),
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
  /** Cluster ingest nodes: node id → control URL (empty on a single node). */
  readonly ingestControlUrls: Readonly<Record<string, string>>;
  readonly rtmpNotifySecret: string;
  readonly webDistDir: string;
  readonly liveReconcileMs: number;
  readonly liveGraceSec: number;
  readonly vodRetentionSweepMs: number;
  readonly s3: { readonly bucket: string; readonly endpoint: string | undefined; readonly region: string; readonly accessKeyId: string | undefined; readonly secretAccessKey: string | undefined } | null;
  readonly jwtSecret: string | undefined;
  readonly accessTokenTtlSec: number;
  readonly refreshTokenTtlDays: number;
  readonly publishTokenTtlSec: number;
  readonly kakao: { readonly clientId: string | undefined; readonly clientSecret: string | undefined; readonly authUrl: string; readonly tokenUrl: string; readonly apiUrl: string };
  readonly ffmpegPath: string;
  readonly hlsInternalUrl: string;
  readonly thumbnailIntervalMs: number;
  readonly rateLimits: { readonly loginPerMin: number; readonly loginAddressPerMin: number; readonly signupPerHour: number; readonly keyPerHour: number; readonly clipsPer10Min: number };
  readonly loginLockout: { readonly after: number; readonly baseMs: number; readonly maxMs: number };
  /** Proxies trusted for X-Forwarded-For (addresses, CIDRs or proxy-addr's named ranges); empty trusts none. */
  readonly trustProxy: readonly string[];
  readonly chat: { readonly socketsPerAddress: number; readonly connectsPerAddressPerMin: number; readonly readsPerAddressPerMin: number; readonly busyRoomTickMs: number };
  /** Cookies get `Secure` when the site is served over https. */
  readonly secureCookies: boolean;
  readonly metricsToken: string | undefined;
  readonly sentry: { readonly dsn: string | undefined; readonly webDsn: string | undefined; readonly environment: string };
}

export class ConfigError extends Error {}

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `TRUST_PROXY`: each entry an IP address, a CIDR or a named range; anything else fails start-up. */
function parseTrustProxy(value: string): string[] {
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
  for (const entry of entries) {
    const [addr = '', bits, ...rest] = entry.split('/');
    const family = isIP(addr);
    const maxBits = family === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (!NAMED_RANGES.has(entry) && (family === 0 || !validBits || rest.length > 0)) {
      throw new ConfigError(`Invalid configuration: TRUST_PROXY: "${entry}" is not an IP address, a CIDR or one of ${[...NAMED_RANGES].join(', ')}`);
    }
  }
  return entries;
}

/** `INGEST_CONTROL_URLS`: `ingest-N=http://…` entries; node ids match what the edges route (`/hls/ingest-N/…`). */
function parseIngestControlUrls(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of value.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    const [node = '', url = ''] = entry.split(/=(.*)/s);
    if (!/^ingest-[0-9]{1,4}$/.test(node) || !/^https?:\/\/[^\s,]+$/.test(url)) {
      throw new ConfigError(`Invalid configuration: INGEST_CONTROL_URLS: "${entry}" is not ingest-<n>=http://host:port`);
    }
    out[node] = url.replace(/\/$/, '');
  }
  return out;
}

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
    ingestControlUrls: Object.freeze(parseIngestControlUrls(env.INGEST_CONTROL_URLS)),
    rtmpNotifySecret: env.RTMP_NOTIFY_SECRET ?? randomBytes(24).toString('base64url'),
    webDistDir: env.WEB_DIST_DIR,
    liveReconcileMs: env.LIVE_RECONCILE_MS,
    liveGraceSec: env.LIVE_GRACE_SEC,
    vodRetentionSweepMs: env.VOD_RETENTION_SWEEP_MS,
    s3: env.S3_BUCKET
      ? Object.freeze({ bucket: env.S3_BUCKET, endpoint: env.S3_ENDPOINT, region: env.S3_REGION, accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY })
      : null,
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
    rateLimits: Object.freeze({ loginPerMin: env.RATE_LIMIT_LOGIN_PER_MIN, loginAddressPerMin: env.RATE_LIMIT_LOGIN_ADDRESS_PER_MIN, signupPerHour: env.RATE_LIMIT_SIGNUP_PER_HOUR, keyPerHour: env.RATE_LIMIT_KEY_PER_HOUR, clipsPer10Min: env.RATE_LIMIT_CLIPS_PER_10MIN }),
    loginLockout: Object.freeze({ after: env.LOGIN_LOCKOUT_AFTER, baseMs: env.LOGIN_LOCKOUT_BASE_SEC * 1000, maxMs: env.LOGIN_LOCKOUT_MAX_SEC * 1000 }),
    trustProxy: Object.freeze(parseTrustProxy(env.TRUST_PROXY)),
    chat: Object.freeze({ socketsPerAddress: env.CHAT_SOCKETS_PER_ADDRESS, connectsPerAddressPerMin: env.CHAT_CONNECTS_PER_ADDRESS_PER_MIN, readsPerAddressPerMin: env.CHAT_READS_PER_ADDRESS_PER_MIN, busyRoomTickMs: env.CHAT_BUSY_ROOM_TICK_MS }),
    secureCookies: env.PUBLIC_URL.startsWith('https://'),
    metricsToken: env.METRICS_TOKEN,
    sentry: Object.freeze({ dsn: env.SENTRY_DSN, webDsn: env.SENTRY_WEB_DSN, environment: env.SENTRY_ENVIRONMENT ?? env.NODE_ENV }),
  });
}

/** The password of a database URL, hidden for the terminal. */
function redact(url: string): string {
  return url.replace(/^(mysql:\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/**
 * `npx lait`'s configuration: the environment's, except that it follows the server running on the same
 * DATA_DIR to its database. A DATABASE_URL that names another database than the running server's is
 * refused rather than silently written to.
 */
export function loadCliConfig(err: Writable, env: NodeJS.ProcessEnv = process.env): Config {
  const config = loadConfig(env);
  const running = findRunningServer(config.dataDir);
  if (!running || running.databaseUrl === databaseUrlOf(config.database)) return config;
  if (env['DATABASE_URL']) {
    throw new AppError(
      'CONFLICT',
      `the server running on ${config.dataDir} (pid ${running.pid}) uses ${redact(running.databaseUrl)}, but DATABASE_URL is ${redact(env['DATABASE_URL'])}. Unset DATABASE_URL to use the server's database, or stop that server.`,
      409,
    );
  }
  err.write(`lait: using the running server's database (${redact(running.databaseUrl)})\n`);
  return loadConfig(env, { DATABASE_URL: running.databaseUrl });
}
