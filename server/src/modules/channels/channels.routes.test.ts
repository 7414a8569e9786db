import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { notify } from '../../test/notify.js';
import { useTestApp } from '../../test/test-app.js';

describe.each(DATABASE_KINDS)('channel API (%s)', (kind) => {
  const t = useTestApp(kind);

  it('lists only live channels with ?live=true, and never a stream key', async () => {
    const a = (await t.app.channels.service.create({ slug: 'alpha', title: '알파 방송' })).credentials;
    await t.app.channels.service.create({ slug: 'beta' });
    await notify(t.app, 'publish', a.streamKey, '1');
    const res = await t.app.inject({ url: '/api/channels?live=true' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.channels.map((c: { slug: string }) => c.slug)).toEqual(['alpha']);
    expect(body.channels[0]).toMatchObject({ title: '알파 방송', live: true, hlsUrl: `http://localhost:8080/hls/${a.playbackId}/master.m3u8` });
    const all = await t.app.inject({ url: '/api/channels' });
    expect(all.json().channels).toHaveLength(2);
    expect(all.body).not.toContain(a.streamKey);
    expect(all.body).not.toMatch(/streamKey|stream_key|live_[A-Za-z0-9]{12}_/);
  });

  it('answers a missing channel with 404 CHANNEL_NOT_FOUND', async () => {
    const res = await t.app.inject({ url: '/api/channels/nobody-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404, code: 'CHANNEL_NOT_FOUND' });
  });

  it('answers bad input with a 400 that names the problem', async () => {
    for (const url of ['/api/channels/%F0%9F%98%80', '/api/channels/A', '/api/channels?limit=0', '/api/channels?limit=abc', '/api/channels?live=maybe', '/api/channels?extra=1']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code, url).toBe('VALIDATION_FAILED');
      expect(res.json().message.length, url).toBeGreaterThan(5);
    }
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.app.inject({ url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });

  it('publishes an OpenAPI document that lists the public routes but not nginx hooks', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/channels', '/api/channels/{slug}', '/api/health']));
    expect(paths).toEqual(expect.arrayContaining(['/api/channels/{slug}/videos', '/api/videos/{id}', '/api/videos/{id}/chat', '/api/channels/{slug}/clips', '/api/videos/{id}/clips', '/api/clips/{id}']));
    expect(paths.some((p) => p.startsWith('/internal'))).toBe(false);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
