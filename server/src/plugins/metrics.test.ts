import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, code, listen, nonce, ok, until, type ChatClient } from '../modules/chat/test/chat-clients.js';
import { notify } from '../test/notify.js';
import { parsePromText, sampleOf, type PromSample } from '../test/prometheus-text.js';
import { useTestApp, type TestApp } from '../test/test-app.js';
import { signUp } from '../test/users.js';

const TOKEN = 'metrics-test-token-0123456789';

async function scrape(t: TestApp, token = TOKEN): Promise<{ status: number; body: string; samples: PromSample[] }> {
  const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: res.body, samples: res.statusCode === 200 ? parsePromText(res.body) : [] };
}

describe('/metrics', () => {
  const t = useTestApp('sqlite', { METRICS_TOKEN: TOKEN, RATE_LIMIT_SIGNUP_PER_HOUR: '100' });
  const sockets: ChatClient[] = [];
  let url: string;
  beforeAll(async () => {
    url = await listen(t.app);
  });
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  it('answers 401 without the token or with a wrong one, and never shows the series', async () => {
    const none = await t.app.inject({ url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    expect(none.body).not.toContain('lait_');
    expect((await scrape(t, `${TOKEN}x`)).status).toBe(401);
    expect((await scrape(t, TOKEN.slice(0, -1))).status).toBe(401);
    expect((await t.app.inject({ url: '/metrics', headers: { authorization: TOKEN } })).statusCode).toBe(401);
  });

  it('reports live channels, viewers, ingest, chat and HTTP after a publish and a chat burst, with no stream key', async () => {
    const { credentials } = await t.app.channels.service.create({ slug: 'metrics-live' });
    expect((await notify(t.app, 'publish', credentials.streamKey, '77')).statusCode).toBe(302);
    t.ingest.publishing.add(credentials.playbackId);
    const channel = 'metrics-live';

    const writers = await Promise.all([1, 2, 3].map(() => signUp(t.app)));
    const readers = [await connect(url), await connect(url)];
    const senders = await Promise.all(writers.map((w) => connect(url, w.accessToken)));
    sockets.push(...readers, ...senders);
    for (const s of [...readers, ...senders]) await ok(s, 'chat:join', { channel });
    // The burst: 6 messages from each of 3 users, all at once (within each user's burst allowance).
    await Promise.all(senders.flatMap((s, i) => Array.from({ length: 6 }, (_, k) => ok(s, 'chat:send', { channel, text: `burst ${i}-${k}`, nonce: nonce() }))));
    expect(await code(readers[0]!, 'chat:send', { channel, text: 'anonymous', nonce: nonce() })).toBe('CHAT_AUTH_REQUIRED');
    await until('every joined socket to receive the burst', () => [...readers, ...senders].every((s) => s.received.length === 18));
    await t.app.inject({ url: `/api/channels/${channel}` });
    // A statement that fails while it runs (malformed JSON), as a lost lock or constraint would.
    await expect(t.app.db.query("SELECT json('{not json')")).rejects.toThrow();
    const rung = (name: '480p' | '360p', speed: number | null) => ({ name, width: 0, height: 0, fps: 30, bitrateKbps: null, live: true, speed, restarts: 0 });
    t.ingest.ladder = {
      capacity: 2,
      encoder: 'libx264',
      streams: [
        { name: credentials.playbackId, state: 'transcoding', cpuCores: 0.5, rungs: [rung('480p', 2.4), rung('360p', null)] },
        { name: 'pbOtherStream001', state: 'transcoding', cpuCores: 0.5, rungs: [rung('480p', 3.1)] },
      ],
    };

    const { status, body, samples } = await scrape(t);
    expect(status).toBe(200);
    const at = (name: string, labels: Record<string, string> = {}) => sampleOf(samples, name, labels);
    expect(at('lait_live_channels')).toBe(1);
    expect(at('lait_channel_viewers', { channel })).toBe(5);
    expect(at('lait_viewers')).toBe(5);
    expect(at('lait_socket_connections')).toBe(5);
    expect(at('lait_ingest_up')).toBe(1);
    expect(at('lait_ingest_streams')).toBe(1);
    expect(at('lait_ingest_bitrate_bits_per_second')).toBe(2_500_000);
    expect(at('lait_ingest_fps', { stat: 'min' })).toBe(30);
    expect(at('lait_ingest_dropped_frames')).toBe(3);
    // The slowest 480p transcoder; a rung with no speed yet has no series.
    expect(at('lait_transcoder_speed_ratio', { rung: '480p' })).toBe(2.4);
    expect(samples.some((s) => s.name === 'lait_transcoder_speed_ratio' && s.labels['rung'] === '360p')).toBe(false);
    expect(samples.filter((s) => s.name === 'lait_transcoder_speed_ratio').every((s) => Object.keys(s.labels).join() === 'rung')).toBe(true);
    expect(at('lait_chat_messages_received_total', { result: 'accepted' })).toBe(18);
    expect(at('lait_chat_messages_received_total', { result: 'refused' })).toBe(1);
    expect(at('lait_chat_messages_delivered_total')).toBe(18 * 5);
    expect(at('lait_chat_ack_seconds_count', { event: 'chat:send', result: 'ok' })).toBe(18);
    expect(at('lait_chat_ack_seconds_count', { event: 'chat:join', result: 'ok' })).toBe(5);
    // Acks wait for one 50 ms batch tick and one INSERT: all within 2.5 s on any machine that passes the rest.
    expect(at('lait_chat_ack_seconds_bucket', { event: 'chat:send', result: 'ok', le: '2.5' })).toBe(18);
    expect(at('lait_http_request_duration_seconds_count', { method: 'GET', route: '/api/channels/:slug', status_code: '200' })).toBeGreaterThanOrEqual(1);
    expect(at('lait_db_errors_total', { kind: 'query' })).toBeGreaterThanOrEqual(1);
    expect(at('nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0);
    // Labels hold route patterns and slugs, never a URL, a key or a playback id.
    expect(samples.some((s) => s.labels['route']?.includes(channel))).toBe(false);
    expect(body).not.toContain(credentials.streamKey);
    expect(body).not.toContain(credentials.streamKey.split('_')[2]);
    expect(body).not.toContain(credentials.playbackId);
  });

  it('shows ingest as down when nginx cannot be asked, and keeps serving the rest', async () => {
    t.ingest.down = true;
    try {
      const { status, samples } = await scrape(t);
      expect(status).toBe(200);
      expect(sampleOf(samples, 'lait_ingest_up')).toBe(0);
      expect(sampleOf(samples, 'lait_live_channels')).toBe(1);
      // No node answered /ladder: no stale speed is left behind.
      expect(samples.some((s) => s.name === 'lait_transcoder_speed_ratio')).toBe(false);
    } finally {
      t.ingest.down = false;
    }
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  const t = useTestApp('sqlite');

  it('does not exist', async () => {
    expect((await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(404);
  });
});

describe('/metrics with Redis unreachable', () => {
  let closedPort = 0;
  beforeAll(async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
  });
  const t = useTestApp('sqlite', () => ({ METRICS_TOKEN: TOKEN, REDIS_URL: `redis://127.0.0.1:${closedPort}` }));

  it('counts Redis connection errors', async () => {
    await until('a Redis error to be counted', async () => (sampleOf((await scrape(t)).samples, 'lait_redis_errors_total', { connection: 'main' }) ?? 0) > 0);
  });
});
