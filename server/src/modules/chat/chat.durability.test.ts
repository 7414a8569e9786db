import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '@lait/shared';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../test/databases.js';
import { FakeIngest } from '../../test/fake-ingest.js';
import { TEST_NOTIFY_SECRET, useTestApp } from '../../test/test-app.js';
import { signUp } from '../../test/users.js';
import { code, connect, listen, nonce, ok, slugOf, type ChatClient } from './test/chat-clients.js';

describe.each(DATABASE_KINDS)('chat durability (%s)', (kind) => {
  let db: TestDatabase;
  const build = async () => {
    const config = loadConfig({}, { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, JWT_SECRET: 'durability-secret-0123456789abcdef0123', RTMP_NOTIFY_SECRET: TEST_NOTIFY_SECRET, WEB_DIST_DIR: '' });
    const app = await buildApp({ config, ingest: new FakeIngest() });
    return { app, url: await listen(app) };
  };
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => db?.drop());

  it('keeps every acknowledged message across a restart, and ids keep growing', async () => {
    let { app, url } = await build();
    const owner = await signUp(app);
    const slug = await slugOf(app, owner.accessToken);
    let s: ChatClient = await connect(url, owner.accessToken);
    await ok(s, 'chat:join', { channel: slug });
    const acked = await Promise.all(Array.from({ length: 30 }, (_, i) => ok<{ id: string }>(s, 'chat:send', { channel: slug, text: `before restart ${i}`, nonce: nonce() })));
    s.disconnect();
    await app.close();
    ({ app, url } = await build());
    try {
      s = await connect(url, owner.accessToken);
      const { history } = await ok<{ history: ChatMessage[] }>(s, 'chat:join', { channel: slug });
      expect(history.map((m) => m.id)).toEqual(expect.arrayContaining(acked.map((a) => a.id)));
      const next = await ok<{ id: string }>(s, 'chat:send', { channel: slug, text: 'after restart', nonce: nonce() });
      expect(Number(next.id)).toBeGreaterThan(Math.max(...acked.map((a) => Number(a.id))));
      s.disconnect();
    } finally {
      await app.close();
    }
  });
});

describe('chat with the database down (sqlite)', () => {
  const t = useTestApp('sqlite');
  let app: FastifyInstance;
  it('answers CHAT_UNAVAILABLE and acknowledges nothing it did not store', async () => {
    app = t.app;
    const url = await listen(app);
    const owner = await signUp(app);
    const slug = await slugOf(app, owner.accessToken);
    const s = await connect(url, owner.accessToken);
    await ok(s, 'chat:join', { channel: slug });
    expect(await code(s, 'chat:send', { channel: slug, text: 'stored', nonce: nonce() })).toBe('OK');
    await app.db.destroy();
    expect(await code(s, 'chat:send', { channel: slug, text: 'not stored', nonce: nonce() })).toBe('CHAT_UNAVAILABLE');
    s.disconnect();
  });
});
