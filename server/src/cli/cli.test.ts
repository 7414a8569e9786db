import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './index.js';
import { createTestDatabase, type TestDatabase } from '../test/databases.js';

async function lait(args: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const code = await runCli(args, out, err);
  return { code, stdout, stderr };
}

describe('npx lait channel', () => {
  let db: TestDatabase;
  const saved = { ...process.env };
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    process.env['DATABASE_URL'] = db.url;
    process.env['LOG_LEVEL'] = 'silent';
    process.env['PUBLIC_URL'] = 'http://lait.test:3000';
    // Nothing listens here: rotate-key must still work when nginx is not running.
    process.env['NGINX_CONTROL_URL'] = 'http://127.0.0.1:9';
  });
  afterAll(async () => {
    process.env = saved;
    await db.drop();
  });

  it('create --json prints slug, playback id, a key, the RTMP URL and the watch URL', async () => {
    const { code, stdout } = await lait(['channel', 'create', 'cli-one', '--title', '첫 방송', '--json']);
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(Object.keys(body).sort()).toEqual(['playbackId', 'rtmpUrl', 'slug', 'streamKey', 'watchUrl']);
    expect(body).toMatchObject({ slug: 'cli-one', rtmpUrl: 'rtmp://localhost:1935/live', watchUrl: 'http://lait.test:3000/c/cli-one' });
    expect(body.streamKey).toMatch(/^live_/);
    expect(body.streamKey).not.toContain(body.playbackId);
  });

  it('rotate-key --json prints a new key for the same playback id', async () => {
    const first = JSON.parse((await lait(['channel', 'create', 'cli-two', '--json'])).stdout);
    const { code, stdout } = await lait(['channel', 'rotate-key', 'cli-two', '--json']);
    expect(code).toBe(0);
    const second = JSON.parse(stdout);
    expect(second.playbackId).toBe(first.playbackId);
    expect(second.streamKey).not.toBe(first.streamKey);
  });

  it('refuses a taken slug and an unknown channel with exit 1 and a JSON error', async () => {
    await lait(['channel', 'create', 'cli-three', '--json']);
    const taken = await lait(['channel', 'create', 'cli-three', '--json']);
    expect(taken.code).toBe(1);
    expect(JSON.parse(taken.stdout).error.code).toBe('CHANNEL_SLUG_TAKEN');
    const missing = await lait(['channel', 'rotate-key', 'no-such', '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('CHANNEL_NOT_FOUND');
    const bad = await lait(['channel', 'create', 'Bad Slug!', '--json']);
    expect(JSON.parse(bad.stdout).error.code).toBe('CHANNEL_SLUG_INVALID');
  });

  it('exits 2 on unknown commands', async () => {
    expect((await lait(['nonsense'])).code).toBe(2);
  });
});
