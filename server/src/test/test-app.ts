import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.js';
import { FakeIngest } from './fake-ingest.js';

export const TEST_NOTIFY_SECRET = 'test-notify-secret-0123456789';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  ingest: FakeIngest;
  db: TestDatabase;
}

/** Builds the app on a fresh database of `kind` for a describe block, and closes both afterwards. */
export function useTestApp(
  kind: DatabaseKind,
  env: Record<string, string> | (() => Record<string, string>) = {},
  options: { logStream?: NodeJS.WritableStream } = {},
): TestApp {
  const ctx = {} as TestApp;
  beforeAll(async () => {
    ctx.db = await createTestDatabase(kind);
    ctx.config = loadConfig({}, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: ctx.db.url,
      RTMP_NOTIFY_SECRET: TEST_NOTIFY_SECRET,
      WEB_DIST_DIR: '',
      // Tests of the end of a broadcast expect it at once; be-right-back tests set a grace.
      LIVE_GRACE_SEC: '0',
      ...(typeof env === 'function' ? env() : env),
    });
    ctx.ingest = new FakeIngest();
    ctx.app = await buildApp({ config: ctx.config, ingest: ctx.ingest, ...options });
    await ctx.app.ready();
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.db?.drop();
  });
  return ctx;
}
