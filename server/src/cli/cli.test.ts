import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/data-source.js';
import { runCli } from './index.js';
import { createTestDatabase, type TestDatabase } from '../test/databases.js';
import { writeRuntimeFile } from '../lib/runtime-file.js';

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

  it('refuses a title with control characters, and lists stored ones as visible escapes, never raw', async () => {
    const refused = await lait(['channel', 'create', 'cli-four', '--title', '\u001b[2Jgone', '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error.code).toBe('VALIDATION_FAILED');
    // A row stored before the schema refused these characters.
    await lait(['channel', 'create', 'cli-five', '--json']);
    const ds = await openDatabase({ type: 'sqlite', file: db.url.replace(/^sqlite:/, '') });
    await ds.query("UPDATE channels SET title = ? WHERE slug = 'cli-five'", ['\u001b]0;owned\u0007\u001b[31mred\u202Eevil\nfake row']);
    await ds.destroy();
    const { code, stdout } = await lait(['channel', 'list']);
    expect(code).toBe(0);
    const line = stdout.split('\n').find((l) => l.includes('cli-five'))!;
    expect(line).toContain('\\x1b]0;owned\\x07\\x1b[31mred\\u202eevil\\x0afake row');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
  });

  it('exits 2 on unknown commands', async () => {
    expect((await lait(['nonsense'])).code).toBe(2);
  });
});

describe('npx lait next to a running server', () => {
  let serverDb: TestDatabase;
  let dataDir: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    serverDb = await createTestDatabase('sqlite');
    dataDir = mkdtempSync(path.join(tmpdir(), 'lait-cli-runtime-'));
    process.env['LOG_LEVEL'] = 'silent';
    process.env['DATA_DIR'] = dataDir;
    process.env['NGINX_CONTROL_URL'] = 'http://127.0.0.1:9';
    delete process.env['DATABASE_URL'];
  });
  afterAll(async () => {
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
    await serverDb.drop();
  });
  // This test process stands in for the server: its pid is alive.
  const serverRuns = () => writeRuntimeFile(dataDir, { pid: process.pid, databaseUrl: serverDb.url, startedAt: new Date().toISOString() });

  it('writes to the database of the server running on the same DATA_DIR, and says so', async () => {
    serverRuns();
    const made = await lait(['channel', 'create', 'follows-server', '--json']);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toContain("using the running server's database");
    process.env['DATABASE_URL'] = serverDb.url;
    const listed = await lait(['channel', 'list', '--json']);
    delete process.env['DATABASE_URL'];
    expect(JSON.parse(listed.stdout).channels.map((c: { slug: string }) => c.slug)).toContain('follows-server');
  });

  it('refuses a DATABASE_URL that names another database than the running server\'s', async () => {
    serverRuns();
    const other = await createTestDatabase('sqlite');
    process.env['DATABASE_URL'] = other.url;
    try {
      const refused = await lait(['channel', 'create', 'elsewhere', '--json']);
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stdout).error.code).toBe('CONFLICT');
      expect(refused.stderr).toContain(`pid ${process.pid}`);
    } finally {
      delete process.env['DATABASE_URL'];
      await other.drop();
    }
  });

  it('ignores what a server that died left behind', async () => {
    writeRuntimeFile(dataDir, { pid: 2 ** 22 + 17, databaseUrl: serverDb.url, startedAt: new Date().toISOString() });
    const made = await lait(['channel', 'create', 'own-db', '--json']);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).not.toContain("running server's database");
  });
});
