import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNginx, type LadderOptions } from '@lait/nginx-rtmp';
import { CLI_ENTRY, SERVER_ENTRY } from './paths.js';
import { freePort, waitFor } from './ports.js';
import { TEST_ENV } from './env.js';

async function dropDatabase(url: string): Promise<void> {
  const { createConnection } = await import('mysql2/promise');
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/';
  const conn = await createConnection({ uri: u.toString() });
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.end();
}

type NginxHandle = Awaited<ReturnType<typeof startNginx>>;

export interface PlatformUrls {
  site: string;
  rtmp: string;
  hls: string;
  control: string;
}

export interface Platform {
  urls: PlatformUrls;
  dataDir: string;
  /** The server's DATABASE_URL, or undefined on the embedded SQLite default. */
  databaseUrl: string | undefined;
  nginx: NginxHandle;
  /** Everything the server wrote to stdout and stderr. */
  serverLog(): string;
  /** Runs `npx lait …` against this platform's database; parses --json output. */
  lait<T = Record<string, string>>(...args: string[]): T;
  api<T = unknown>(pathname: string): Promise<{ status: number; body: T; text: string }>;
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  env?: Record<string, string>;
  /** Run on MariaDB (a fresh database, dropped afterwards) and Redis instead of the embedded defaults. */
  external?: boolean;
  /** The ingest's ladder supervisor (rungs, capacity); unset: nginx-rtmp's defaults (LADDER, LADDER_CAPACITY). */
  ladder?: LadderOptions | false;
  /** nginx-rtmp's HLS options instead of Lait's defaults (bench/latency renders the pre-fix audio delay). */
  nginxHls?: { fragmentSec?: number; playlistSec?: number; maxAudioDelayMs?: number };
  /** false: nginx serves media playlists itself, without blocking reload (bench/latency's comparison). */
  blockingPlaylists?: boolean;
}

const MYSQL = TEST_ENV.mysqlUrl;
const REDIS = TEST_ENV.redisUrl;

/** Starts a real server (SQLite unless env says otherwise) and a real nginx-rtmp on free ports in a fresh data directory. */
export async function startPlatform(opts: PlatformOptions = {}): Promise<Platform> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lait-e2e-'));
  // nginx's workers run as nobody when the tests run as root: they must reach the HLS folder.
  chmodSync(dataDir, 0o755);
  const [port, rtmpPort, hlsPort, controlPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const secret = randomBytes(18).toString('base64url');
  const urls: PlatformUrls = {
    site: `http://127.0.0.1:${port}`,
    rtmp: `rtmp://127.0.0.1:${rtmpPort}/live`,
    hls: `http://127.0.0.1:${hlsPort}/hls`,
    control: `http://127.0.0.1:${controlPort}`,
  };
  const env: Record<string, string> = {
    PATH: TEST_ENV.path,
    HOME: TEST_ENV.home ?? dataDir,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    PUBLIC_URL: urls.site,
    HLS_PUBLIC_URL: urls.hls,
    RTMP_PUBLIC_URL: urls.rtmp,
    NGINX_CONTROL_URL: urls.control,
    RTMP_NOTIFY_SECRET: secret,
    LIVE_RECONCILE_MS: '2000',
    // Specs that stop a publisher expect the end at once; be-right-back specs set a grace.
    LIVE_GRACE_SEC: '0',
    ...(opts.external ? { DATABASE_URL: `${MYSQL}/lait_e2e_${process.pid}_${port}`, REDIS_URL: REDIS } : {}),
    ...opts.env,
  };

  let log = '';
  let server: ChildProcess | null = null;
  const startServer = async () => {
    const child = spawn(process.execPath, [SERVER_ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    server = child;
    await waitFor('the server to answer /api/health', async () => {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log.slice(-2000)}`);
      return (await fetch(`${urls.site}/api/health`)).ok;
    }, 30_000);
  };
  const stopServer = async () => {
    const child = server;
    server = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };

  await startServer();
  const workDir = path.join(dataDir, 'nginx');
  mkdirSync(workDir, { recursive: true });
  let nginx: NginxHandle;
  try {
    nginx = await startNginx({
      rtmpPort,
      hlsHttpPort: hlsPort,
      controlPort,
      notifyUrl: urls.site,
      notifySecret: secret,
      workDir,
      hlsDir: path.join(dataDir, 'hls'),
      ...(opts.ladder !== undefined ? { ladder: opts.ladder } : {}),
      ...(opts.nginxHls ? { hls: opts.nginxHls } : {}),
      ...(opts.blockingPlaylists === false ? { blockingPlaylists: false } : {}),
    });
  } catch (err) {
    await stopServer();
    throw err;
  }

  return {
    urls,
    dataDir,
    databaseUrl: env['DATABASE_URL'],
    nginx,
    serverLog: () => log,
    lait<T>(...args: string[]): T {
      const res = spawnSync(process.execPath, [CLI_ENTRY, ...args], { env: { ...env, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
      if (res.status !== 0) throw new Error(`lait ${args.join(' ')} failed (${res.status}): ${res.stderr}${res.stdout}`);
      return (args.includes('--json') ? JSON.parse(res.stdout) : res.stdout) as T;
    },
    async api<T>(pathname: string) {
      const res = await fetch(`${urls.site}${pathname}`);
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, body: body as T, text };
    },
    stopServer,
    startServer,
    async stop() {
      await nginx.stop().catch(() => {});
      await stopServer();
      if (opts.external) await dropDatabase(env['DATABASE_URL']!);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
