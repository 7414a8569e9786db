import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { notify } from '../../test/notify.js';
import { useTestApp } from '../../test/test-app.js';

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(DATABASE_KINDS)('be right back (%s)', (kind) => {
  const t = useTestApp(kind, { LIVE_GRACE_SEC: '2' });
  let n = 0;
  const newChannel = async () => (await t.app.channels.service.create({ slug: `brb-${kind}-${++n}` })).credentials;
  const channel = async (slug: string) => (await t.app.inject({ url: `/api/channels/${slug}` })).json<{ live: boolean; status: string }>();
  const sessionOf = async (slug: string) => (await t.app.channels.service.getBySlug(slug)).currentSessionId;

  it('keeps a dropped broadcast as one session when the publisher comes back within the grace', async () => {
    const c = await newChannel();
    expect((await notify(t.app, 'publish', c.streamKey, '100')).statusCode).toBe(302);
    expect(await channel(c.slug)).toMatchObject({ live: true, status: 'live' });
    const session = await sessionOf(c.slug);

    expect((await notify(t.app, 'publish-done', c.streamKey, '100')).statusCode).toBe(200);
    expect(await channel(c.slug)).toMatchObject({ live: true, status: 'reconnecting' });

    expect((await notify(t.app, 'publish', c.streamKey, '101')).statusCode).toBe(302);
    expect(await channel(c.slug)).toMatchObject({ live: true, status: 'live' });
    expect(await sessionOf(c.slug)).toBe(session);
    const sessions = await t.app.streams.repository.listForChannel((await t.app.channels.service.getBySlug(c.slug)).id);
    expect(sessions).toHaveLength(1);
  });

  it('ends the broadcast when the publisher stays away past the grace, and a later publish is a new session', async () => {
    const c = await newChannel();
    expect((await notify(t.app, 'publish', c.streamKey, '200')).statusCode).toBe(302);
    const first = await sessionOf(c.slug);
    expect((await notify(t.app, 'publish-done', c.streamKey, '200')).statusCode).toBe(200);
    await until('the channel to go offline after the grace', async () => (await channel(c.slug)).status === 'offline');
    expect((await channel(c.slug)).live).toBe(false);
    const ended = await t.app.streams.repository.findById(first!);
    expect(ended?.endedAt).not.toBeNull();

    expect((await notify(t.app, 'publish', c.streamKey, '201')).statusCode).toBe(302);
    expect(await sessionOf(c.slug)).not.toBe(first);
  });

  it('ends a waiting broadcast at once when the key is rotated', async () => {
    const c = await newChannel();
    expect((await notify(t.app, 'publish', c.streamKey, '300')).statusCode).toBe(302);
    expect((await notify(t.app, 'publish-done', c.streamKey, '300')).statusCode).toBe(200);
    await t.app.streams.service.rotateKey(c.slug);
    expect(await channel(c.slug)).toMatchObject({ live: false, status: 'offline' });
    expect((await notify(t.app, 'publish', c.streamKey, '301')).statusCode).toBe(403);
  });
});
