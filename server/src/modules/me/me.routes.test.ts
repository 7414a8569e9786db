import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { notify } from '../../test/notify.js';
import { useTestApp } from '../../test/test-app.js';
import { bearer, signUp } from '../../test/users.js';

describe.each(DATABASE_KINDS)('my channel (%s)', (kind) => {
  const t = useTestApp(kind, { RATE_LIMIT_KEY_PER_HOUR: '3', RATE_LIMIT_LOGIN_PER_MIN: '3' });

  it('edits only my own channel, validating slug and category', async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app);
    const res = await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(a), payload: { title: '오늘은 롤 랭겜', category: 'games', tags: ['롤', 'LoL'] } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: '오늘은 롤 랭겜', category: 'games', tags: ['롤', 'LoL'] });
    const bMe = (await t.app.inject({ url: '/api/me', headers: bearer(b) })).json();
    expect(bMe.channel.title).not.toBe('오늘은 롤 랭겜');

    const taken = await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(b), payload: { slug: res.json().slug } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('CHANNEL_SLUG_TAKEN');
    const badCat = await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(b), payload: { category: 'nope-cat' } });
    expect(badCat.json().code).toBe('CATEGORY_NOT_FOUND');
    const empty = await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(b), payload: {} });
    expect(empty.statusCode).toBe(400);
    const unauth = await t.app.inject({ method: 'PATCH', url: '/api/me/channel', payload: { title: 'x' } });
    expect(unauth.statusCode).toBe(401);
  });

  it('shows a new stream key once, never again, and the new key publishes', async () => {
    const a = await signUp(t.app);
    const key = await t.app.inject({ method: 'POST', url: '/api/me/channel/stream-key', headers: bearer(a) });
    expect(key.statusCode).toBe(200);
    const { streamKey } = key.json();
    const me = await t.app.inject({ url: '/api/me', headers: bearer(a) });
    expect(me.json().channel.hasStreamKey).toBe(true);
    expect(me.body).not.toContain(streamKey);
    const pub = await notify(t.app, 'publish', streamKey, '900');
    expect(pub.statusCode).toBe(302);
    expect(pub.headers.location).toBe(me.json().channel.playbackId);
  });

  it('issues publish tokens that work as stream keys until they expire, and dies with a key rotation', async () => {
    const a = await signUp(t.app);
    const res = await t.app.inject({ method: 'POST', url: '/api/me/channel/publish-token', headers: bearer(a) });
    expect(res.statusCode).toBe(200);
    const { token, expiresAt } = res.json();
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect((await notify(t.app, 'publish', token, '910')).statusCode).toBe(302);
    await notify(t.app, 'publish-done', token, '910');
    await t.app.inject({ method: 'POST', url: '/api/me/channel/stream-key', headers: bearer(a) });
    expect((await notify(t.app, 'publish', token, '911')).statusCode).toBe(403);
  });

  it('refuses publish tokens and key rotation to an access token whose sign-in was logged out everywhere', async () => {
    const a = await signUp(t.app);
    const refreshed = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: a.refreshCookie } });
    const rotated = { accessToken: refreshed.json().accessToken as string };
    expect((await t.app.inject({ method: 'POST', url: '/api/me/channel/publish-token', headers: bearer(rotated) })).statusCode).toBe(200);

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: a.refreshCookie }, payload: { everywhere: true } });
    expect(out.statusCode).toBe(204);
    for (const url of ['/api/me/channel/publish-token', '/api/me/channel/stream-key']) {
      const res = await t.app.inject({ method: 'POST', url, headers: bearer(rotated) });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().code).toBe('AUTH_TOKEN_INVALID');
    }
    // Reading is not sensitive: the token still works there until it expires.
    expect((await t.app.inject({ url: '/api/me', headers: bearer(rotated) })).statusCode).toBe(200);
  });

  it('refuses a whitespace-only title with 400 and stores titles trimmed', async () => {
    const a = await signUp(t.app);
    for (const title of [' ', '   ', '\t\n', '\u3000']) {
      const res = await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(a), payload: { title } });
      expect(res.statusCode, JSON.stringify(title)).toBe(400);
    }
    const ok = await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(a), payload: { title: '  저녁 방송  ' } });
    expect(ok.json().title).toBe('저녁 방송');
  });

  it('refuses control characters and bidi overrides in title, tags and description with 400 VALIDATION_FAILED', async () => {
    const a = await signUp(t.app);
    const payloads = [
      { title: '\u001b[2J\u001b[31mpwned' }, { title: 'abc\u202Eevil' }, { title: 'two\nlines' }, { title: 'nul\u0000' },
      { tags: ['ok', 'bad\u2066'] }, { description: 'beep\u0007' }, { description: 'flip\u202D' },
    ];
    for (const payload of payloads) {
      const res = await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(a), payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code, JSON.stringify(payload)).toBe('VALIDATION_FAILED');
    }
    const ok = await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(a), payload: { title: '방송 🎮 שלום', description: '첫 줄\n둘째 줄' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ title: '방송 🎮 שלום', description: '첫 줄\n둘째 줄' });
  });

  it('rate-limits key rotations and logins', async () => {
    const a = await signUp(t.app);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await t.app.inject({ method: 'POST', url: '/api/me/channel/stream-key', headers: bearer(a) })).statusCode);
    expect(codes.slice(0, 3)).toEqual([200, 200, 200]);
    expect(codes.at(-1)).toBe(429);
    const logins: Array<{ statusCode: number; code?: string }> = [];
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: a.email, password: 'wrong-password-1' } });
      logins.push({ statusCode: r.statusCode, code: r.json().code });
    }
    expect(logins.at(-1)).toEqual({ statusCode: 429, code: 'RATE_LIMITED' });
  });

  it('follows and unfollows, counts followers, lists live channels first, refuses self-follow', async () => {
    const streamer = await signUp(t.app);
    const fan = await signUp(t.app);
    const sMe = (await t.app.inject({ url: '/api/me', headers: bearer(streamer) })).json();
    const slug = sMe.channel.slug;
    const follow = await t.app.inject({ method: 'POST', url: `/api/channels/${slug}/follow`, headers: bearer(fan) });
    expect(follow.json()).toEqual({ following: true, followerCount: 1 });
    expect((await t.app.inject({ method: 'POST', url: `/api/channels/${slug}/follow`, headers: bearer(fan) })).json().followerCount).toBe(1);
    expect((await t.app.inject({ url: `/api/channels/${slug}` })).json().followerCount).toBe(1);
    const self = await t.app.inject({ method: 'POST', url: `/api/channels/${slug}/follow`, headers: bearer(streamer) });
    expect(self.json().code).toBe('FOLLOW_SELF');

    const other = await signUp(t.app);
    const oSlug = (await t.app.inject({ url: '/api/me', headers: bearer(other) })).json().channel.slug;
    await t.app.inject({ method: 'POST', url: `/api/channels/${oSlug}/follow`, headers: bearer(fan) });
    const key = (await t.app.inject({ method: 'POST', url: '/api/me/channel/stream-key', headers: bearer(other) })).json().streamKey;
    await notify(t.app, 'publish', key, '920');
    const list = (await t.app.inject({ url: '/api/me/following', headers: bearer(fan) })).json().channels;
    expect(list.map((c: { slug: string }) => c.slug)).toEqual([oSlug, slug]);

    const unfollow = await t.app.inject({ method: 'DELETE', url: `/api/channels/${slug}/follow`, headers: bearer(fan) });
    expect(unfollow.json()).toEqual({ following: false, followerCount: 0 });
  });
});
