import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../../app.js';
import { loadConfig } from '../../../config.js';
import { createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import { FakeIngest } from '../../../test/fake-ingest.js';
import { TEST_NOTIFY_SECRET } from '../../../test/test-app.js';
import { listen } from './chat-clients.js';

/** A TCP relay in front of Redis that a test can cut and restore (an outage of one process's Redis). */
export interface RedisRelay {
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startRedisRelay(target = { host: '127.0.0.1', port: 6379 }): Promise<RedisRelay> {
  const open = new Set<Socket>();
  const make = () => createServer((client) => {
    const upstream = createConnection(target);
    open.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => { client.destroy(); upstream.destroy(); open.delete(client); open.delete(upstream); };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  let server: Server = make();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const stop = () => new Promise<void>((r) => { for (const s of open) s.destroy(); server.close(() => r()); });
  return {
    url: `redis://127.0.0.1:${port}`,
    cut: stop,
    async restore() {
      server = make();
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    },
    close: stop,
  };
}

export interface Cluster {
  apps: FastifyInstance[];
  urls: string[];
  relays: RedisRelay[];
  db: TestDatabase;
}

/** Two server instances (each behind its own Redis relay) sharing one Redis and one MySQL database. */
export function useCluster(size = 2): Cluster {
  const c = { apps: [], urls: [], relays: [] } as unknown as Cluster;
  beforeAll(async () => {
    c.db = await createTestDatabase('mysql');
    for (let i = 0; i < size; i++) {
      const relay = await startRedisRelay();
      const config = loadConfig({}, {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: c.db.url,
        REDIS_URL: relay.url,
        JWT_SECRET: 'cluster-test-secret-0123456789abcdef0123',
        RTMP_NOTIFY_SECRET: TEST_NOTIFY_SECRET,
        WEB_DIST_DIR: '',
        RATE_LIMIT_SIGNUP_PER_HOUR: '1000',
      });
      // Each relay hides that both talk to the same Redis; the key prefix comes from the database.
      const app = await buildApp({ config, ingest: new FakeIngest() });
      c.relays.push(relay);
      c.apps.push(app);
      c.urls.push(await listen(app));
    }
  });
  afterAll(async () => {
    for (const app of c.apps) await app.close();
    for (const relay of c.relays) await relay.close();
    await c.db?.drop();
  });
  return c;
}
