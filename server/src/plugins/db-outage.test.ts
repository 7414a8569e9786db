import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, type TestDatabase } from '../test/databases.js';
import { FakeIngest } from '../test/fake-ingest.js';
import { notify } from '../test/notify.js';
import { TEST_NOTIFY_SECRET } from '../test/test-app.js';
import { startTcpProxy, type TcpProxy } from '../test/tcp-proxy.js';

describe('MySQL going down and coming back', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await createTestDatabase('mysql');
    const url = new URL(db.url);
    proxy = await startTcpProxy(Number(url.port || 3306));
    url.port = String(proxy.port);
    const config = loadConfig({}, { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url.toString(), RTMP_NOTIFY_SECRET: TEST_NOTIFY_SECRET, WEB_DIST_DIR: '' });
    app = await buildApp({ config, ingest: new FakeIngest() });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('answers 503 and refuses publishing while the database is unreachable, and recovers by itself', async () => {
    const { credentials } = await app.channels.service.create({ slug: 'outage' });
    expect((await app.inject({ url: '/api/channels' })).statusCode).toBe(200);

    await proxy.cut();
    const down = await app.inject({ url: '/api/channels/outage' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(down.json().message).toMatch(/database/i);
    const publish = await notify(app, 'publish', credentials.streamKey, '1');
    expect(publish.statusCode, 'nginx refuses any non-2xx/3xx: publishing fails closed').toBeGreaterThanOrEqual(400);
    expect((await app.inject({ url: '/api/health' })).json()).toMatchObject({ status: 'degraded', database: 'down' });
    // Liveness checks no dependency: Kubernetes must not restart API pods because MySQL is down.
    expect((await app.inject({ url: '/api/health/live' })).statusCode).toBe(200);

    await proxy.restore();
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      status = (await app.inject({ url: '/api/channels/outage' })).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    expect((await notify(app, 'publish', credentials.streamKey, '2')).statusCode).toBe(302);
  });
});
