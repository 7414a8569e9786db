import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as Sentry from '@sentry/node';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { initSentry } from '../lib/sentry.js';
import { until } from '../modules/chat/test/chat-clients.js';
import { createTestDatabase, type TestDatabase } from '../test/databases.js';
import { FakeIngest } from '../test/fake-ingest.js';
import { useSentryStandin } from '../test/sentry-standin.js';
import { TEST_NOTIFY_SECRET } from '../test/test-app.js';
import { signUp } from '../test/users.js';

describe('error tracking with SENTRY_DSN', () => {
  const sentry = useSentryStandin();
  let app: FastifyInstance;
  let db: TestDatabase;
  let streamKey: string;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const config = loadConfig({}, { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, RTMP_NOTIFY_SECRET: TEST_NOTIFY_SECRET, WEB_DIST_DIR: '', SENTRY_DSN: sentry.dsn });
    expect(initSentry(config)).toBe(true);
    app = await buildApp({ config, ingest: new FakeIngest() });
    // A route that fails the way a bug would, with a stream key in the error's message.
    app.get('/api/test-only/explode/:slug', async (req) => {
      const { slug } = req.params as { slug: string };
      const { credentials } = await app.channels.service.create({ slug });
      streamKey = credentials.streamKey;
      throw new Error(`could not hand ${credentials.streamKey} to nginx`);
    });
    await app.ready();
  });
  afterAll(async () => {
    await Sentry.close(2000);
    await app?.close();
    await db?.drop();
  });

  it('reports a 5xx with its route and method, and without Authorization, cookies, tokens or the stream key', async () => {
    const user = await signUp(app);
    const notFound = await app.inject({ url: '/api/channels/no-such-channel', headers: { authorization: `Bearer ${user.accessToken}` } });
    expect(notFound.statusCode).toBe(404);

    const res = await app.inject({
      url: '/api/test-only/explode/boom-1?secret=query-secret-value&debug=1',
      headers: { authorization: `Bearer ${user.accessToken}`, cookie: user.refreshCookie, 'user-agent': 'lait-test' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain(streamKey);

    await until('the event to reach the Sentry endpoint', () => sentry.events().length > 0, 10_000);
    const events = sentry.events();
    expect(events).toHaveLength(1);
    const event = events[0] as { tags: Record<string, string>; request: { method: string; url: string; headers: Record<string, string> }; exception: { values: { type: string }[] } };
    expect(event.tags).toMatchObject({ route: '/api/test-only/explode/:slug', method: 'GET' });
    expect(event.request.method).toBe('GET');
    expect(event.request.url).toContain('/api/test-only/explode/boom-1');
    expect(event.request.headers['user-agent']).toBe('lait-test');
    expect(event.request.headers['authorization'] ?? '[Filtered]').toBe('[Filtered]');
    expect(event.request.headers['cookie'] ?? '[Filtered]').toBe('[Filtered]');
    expect(event.exception.values[0]?.type).toBe('Error');
    const raw = sentry.envelopes.map((e) => e.raw).join('\n');
    for (const secret of [streamKey, streamKey.split('_')[2]!, user.accessToken, user.refreshCookie.split('=')[1]!, 'query-secret-value']) {
      expect(raw).not.toContain(secret);
    }
  });
});

describe('error tracking of a crash', () => {
  const sentry = useSentryStandin();

  it('reports an uncaught exception before the process exits, scrubbed', async () => {
    const key = 'live_QwErTyUiOpAs_0123456789abcdefghijKLMNOPQRSTUVWX';
    const fixture = fileURLToPath(new URL('../test/uncaught-fixture.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, key], {
      env: { PATH: process.env['PATH'] ?? '', SENTRY_DSN: sentry.dsn, NODE_ENV: 'test' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, stderr).toBe(1);
    const events = sentry.events() as { level: string; exception: { values: { value: string; mechanism: { type: string; handled: boolean } }[] } }[];
    expect(events).toHaveLength(1);
    const [error] = events[0]!.exception.values;
    expect(error!.mechanism.handled).toBe(false);
    expect(error!.mechanism.type).toMatch(/onuncaughtexception/i);
    expect(error!.value).toBe('nginx control failed while dropping [Filtered]');
    expect(sentry.envelopes.map((e) => e.raw).join('\n')).not.toContain(key);
  });
});
