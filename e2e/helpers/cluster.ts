import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCluster, type Cluster } from '../../scripts/lib/cluster.mjs';
import { freePort } from '@lait/testkit/ports';

const MYSQL = process.env['LAIT_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306';

export interface TestCluster extends Cluster {
  /** The last lines every process wrote (shown when a test fails). */
  logTail(): string;
  teardown(): Promise<void>;
}

/** `npm run cluster`'s topology on free ports, its own database and data folder. */
export async function startTestCluster(): Promise<TestCluster> {
  const ports = {
    entry: await freePort(),
    rtmp: await freePort(),
    edges: [await freePort(), await freePort()],
    apis: [await freePort(), await freePort()],
    ingestRtmp: [await freePort(), await freePort()],
    ingestHls: await freePort(),
    ingestControl: [await freePort(), await freePort()],
  };
  const dbName = `lait_e2e_cluster_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lait-cluster-'));
  // nginx's workers (nobody when the tests run as root) must reach the HLS folders inside.
  chmodSync(dataDir, 0o755);
  const lines: string[] = [];
  const cluster = await startCluster({
    ports,
    host: '127.0.0.1',
    publicHost: '127.0.0.1',
    dataDir,
    databaseUrl: `${MYSQL}/${dbName}`,
    apiEnv: { RATE_LIMIT_SIGNUP_PER_HOUR: '1000', RATE_LIMIT_KEY_PER_HOUR: '1000', LOG_LEVEL: 'warn', THUMBNAIL_INTERVAL_MS: '600000' },
    log: (name, line) => {
      lines.push(`[${name}] ${line}`);
      if (lines.length > 200) lines.shift();
    },
  }).catch((err: Error) => {
    throw new Error(`${err.message}\n${lines.join('\n')}`);
  });
  return Object.assign(cluster, {
    logTail: () => lines.join('\n'),
    async teardown() {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
      const { createConnection } = await import('mysql2/promise');
      const conn = await createConnection({ uri: `${MYSQL}/` });
      await conn.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await conn.end();
    },
  });
}

export interface Streamer {
  id: number;
  token: string;
  slug: string;
}

export async function signUp(url: string, prefix: string): Promise<Streamer> {
  const nickname = `${prefix}${randomBytes(3).toString('hex')}`;
  const res = await fetch(`${url}/api/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `${nickname}@lait.test`, password: 'correct-horse-7', nickname }) });
  if (!res.ok) throw new Error(`signup ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { user: { id: number }; accessToken: string };
  const me = (await (await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${body.accessToken}` } })).json()) as { channel: { slug: string } };
  return { id: body.user.id, token: body.accessToken, slug: me.channel.slug };
}

/** Rotates the streamer's key on the API process at `url`: the new key, shown once. */
export async function rotateKey(url: string, s: Streamer): Promise<string> {
  const res = await fetch(`${url}/api/me/channel/stream-key`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` } });
  if (!res.ok) throw new Error(`stream-key ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { streamKey: string }).streamKey;
}

export async function channel(url: string, slug: string): Promise<{ live: boolean; hlsUrl: string }> {
  return (await (await fetch(`${url}/api/channels/${slug}`)).json()) as { live: boolean; hlsUrl: string };
}

/** The ingest node in a playback URL (`/hls/<node>/<playbackId>/index.m3u8`). */
export function nodeOf(hlsUrl: string): string | undefined {
  return /\/hls\/(ingest-\d+)\//.exec(hlsUrl)?.[1];
}
