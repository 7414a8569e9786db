import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { notify } from '../../test/notify.js';
import { useTestApp } from '../../test/test-app.js';

describe.each(DATABASE_KINDS)('publish authorisation (%s)', (kind) => {
  const t = useTestApp(kind);
  let n = 0;
  const newChannel = async () => (await t.app.channels.service.create({ slug: `pub-${kind}-${++n}` })).credentials;

  it('refuses an unknown key and a malformed one', async () => {
    await newChannel();
    expect((await notify(t.app, 'publish', 'live_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB', '1')).statusCode).toBe(403);
    expect((await notify(t.app, 'publish', 'not-a-key', '1')).statusCode).toBe(403);
  });

  it('refuses a right key id with a wrong secret', async () => {
    const c = await newChannel();
    const forged = c.streamKey.slice(0, -4) + (c.streamKey.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await notify(t.app, 'publish', forged, '2')).statusCode).toBe(403);
  });

  it('accepts the right key by renaming the stream to the playback id, and marks the channel live', async () => {
    const c = await newChannel();
    const res = await notify(t.app, 'publish', c.streamKey, '3');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(c.playbackId);
    const channel = (await t.app.inject({ url: `/api/channels/${c.slug}` })).json();
    expect(channel).toMatchObject({ live: true, playbackId: c.playbackId });
    expect(JSON.stringify(channel)).not.toContain(c.streamKey);
  });

  it('refuses a second publisher while the first is live, and accepts after publish-done', async () => {
    const c = await newChannel();
    expect((await notify(t.app, 'publish', c.streamKey, '10')).statusCode).toBe(302);
    t.ingest.publishing.add(c.playbackId);
    expect((await notify(t.app, 'publish', c.streamKey, '11')).statusCode).toBe(403);

    t.ingest.publishing.delete(c.playbackId);
    expect((await notify(t.app, 'publish-done', c.streamKey, '10')).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/channels/${c.slug}` })).json().live).toBe(false);
    expect((await notify(t.app, 'publish', c.streamKey, '11')).statusCode).toBe(302);
  });

  it('takes over a channel the database thinks live but nginx no longer carries', async () => {
    const c = await newChannel();
    expect((await notify(t.app, 'publish', c.streamKey, '20')).statusCode).toBe(302);
    // nginx restarted: no publish-done ever came, and the stat page no longer lists the stream.
    expect((await notify(t.app, 'publish', c.streamKey, '21')).statusCode).toBe(302);
    const sessions = await t.app.streams.repository.listForChannel((await t.app.channels.service.getBySlug(c.slug)).id);
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.endedAt === null)).toHaveLength(1);
  });

  it('fails closed when it cannot check who is live', async () => {
    const c = await newChannel();
    expect((await notify(t.app, 'publish', c.streamKey, '30')).statusCode).toBe(302);
    t.ingest.down = true;
    try {
      expect((await notify(t.app, 'publish', c.streamKey, '31')).statusCode).toBe(403);
    } finally {
      t.ingest.down = false;
    }
  });

  it('ignores a publish-done from a client that does not hold the channel', async () => {
    const c = await newChannel();
    expect((await notify(t.app, 'publish', c.streamKey, '40')).statusCode).toBe(302);
    await notify(t.app, 'publish-done', c.streamKey, '41');
    expect((await t.app.inject({ url: `/api/channels/${c.slug}` })).json().live).toBe(true);
  });

  it('rotating the key refuses the old key, drops the live stream and closes the session', async () => {
    const c = await newChannel();
    expect((await notify(t.app, 'publish', c.streamKey, '50')).statusCode).toBe(302);
    t.ingest.publishing.add(c.playbackId);
    const rotated = await t.app.streams.service.rotateKey(c.slug);
    expect(rotated.streamKey).not.toBe(c.streamKey);
    expect(rotated.playbackId).toBe(c.playbackId);
    expect(t.ingest.dropped).toContain(c.playbackId);
    expect((await t.app.inject({ url: `/api/channels/${c.slug}` })).json().live).toBe(false);
    expect((await notify(t.app, 'update', c.streamKey, '50')).statusCode).toBe(403);
    expect((await notify(t.app, 'publish', c.streamKey, '51')).statusCode).toBe(403);
    expect((await notify(t.app, 'publish', rotated.streamKey, '52')).statusCode).toBe(302);
    expect((await notify(t.app, 'update', rotated.streamKey, '52')).statusCode).toBe(200);
  });

  it('reconciliation marks offline a channel nginx stopped carrying', async () => {
    const c = await newChannel();
    expect((await notify(t.app, 'publish', c.streamKey, '60')).statusCode).toBe(302);
    t.ingest.publishing.add(c.playbackId);
    await t.app.streams.service.reconcile(Date.now() + 60_000);
    expect((await t.app.inject({ url: `/api/channels/${c.slug}` })).json().live).toBe(true);
    t.ingest.publishing.delete(c.playbackId);
    expect(await t.app.streams.service.reconcile(Date.now() + 60_000)).toBeGreaterThanOrEqual(1);
    expect((await t.app.inject({ url: `/api/channels/${c.slug}` })).json().live).toBe(false);
  });

  it('refuses notify calls without the shared secret, and bad bodies with a 400', async () => {
    const c = await newChannel();
    expect((await notify(t.app, 'publish', c.streamKey, '70', 'wrong-secret-wrong-secret')).statusCode).toBe(403);
    const res = await t.app.inject({ method: 'POST', url: '/internal/rtmp/publish?secret=x', payload: 'app=live' , headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});
