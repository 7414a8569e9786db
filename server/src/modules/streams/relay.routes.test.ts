import { PassThrough } from 'node:stream';
import { deriveRelaySecret } from '@lait/nginx-rtmp';
import { describe, expect, it } from 'vitest';
import { TEST_NOTIFY_SECRET, useTestApp } from '../../test/test-app.js';

describe('publishing into the hls application (the relay)', () => {
  const t = useTestApp('sqlite');
  const relaySecret = deriveRelaySecret(TEST_NOTIFY_SECRET);

  const relay = (body: Record<string, string>, secret = TEST_NOTIFY_SECRET) =>
    t.app.inject({
      method: 'POST',
      url: `/internal/rtmp/relay?secret=${encodeURIComponent(secret)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ call: 'publish', app: 'hls', name: 'pbRelay1', type: 'live', addr: '127.0.0.1', clientid: '7', ...body }).toString(),
    });

  it('accepts the ingest relay, which presents the relay secret in its tcUrl', async () => {
    const res = await relay({ tcurl: `rtmp://127.0.0.1:1935/hls?relay=${relaySecret}` });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    ['no tcUrl', {}],
    ['a tcUrl without the secret (ffmpeg publishing to rtmp://127.0.0.1/hls/<playbackId>)', { tcurl: 'rtmp://127.0.0.1:1935/hls' }],
    ['a wrong secret', { tcurl: `rtmp://127.0.0.1:1935/hls?relay=${relaySecret.slice(0, -2)}xx` }],
    ['the notify secret instead', { tcurl: `rtmp://127.0.0.1:1935/hls?relay=${TEST_NOTIFY_SECRET}` }],
    ['a tcUrl that is not a URL', { tcurl: 'not a url' }],
    ['the right secret for another application', { app: 'live', tcurl: `rtmp://127.0.0.1:1935/live?relay=${relaySecret}` }],
  ])('refuses a publish with %s', async (_what, body) => {
    expect((await relay(body)).statusCode).toBe(403);
  });

  it('refuses the right relay secret on a call without the notify secret', async () => {
    expect((await relay({ tcurl: `rtmp://127.0.0.1:1935/hls?relay=${relaySecret}` }, 'wrong-notify-secret-000000')).statusCode).toBe(403);
  });
});

describe('the notify heartbeat in the log', () => {
  const lines: string[] = [];
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const t = useTestApp('sqlite', { LOG_LEVEL: 'info' }, { logStream });

  it('never logs nginx\'s every-10-s update call at info, while other requests are', async () => {
    const update = await t.app.inject({
      method: 'POST',
      url: `/internal/rtmp/update?secret=${encodeURIComponent(TEST_NOTIFY_SECRET)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ call: 'update_play', app: 'hls', name: 'pbHeartbeat1', clientid: '9' }).toString(),
    });
    expect(update.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    const urls = lines.map((l) => (JSON.parse(l) as { req?: { url?: string } }).req?.url).filter(Boolean);
    expect(urls).toContain('/api/health');
    expect(urls.filter((u) => u!.startsWith('/internal/rtmp/update'))).toEqual([]);
  });
});
