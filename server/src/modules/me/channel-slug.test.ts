import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { useTestApp } from '../../test/test-app.js';
import { bearer, signUp } from '../../test/users.js';

describe.each(DATABASE_KINDS)('picking a channel address (%s)', (kind) => {
  const t = useTestApp(kind);
  const pick = (user: { accessToken: string }, slug: string) =>
    t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(user), payload: { slug } });

  it('lets a streamer pick their address once; the old address answers a clear 404 and the new one works', async () => {
    const a = await signUp(t.app);
    const before = (await t.app.inject({ url: '/api/me', headers: bearer(a) })).json().channel;
    expect(before.slugChangeable).toBe(true);

    const res = await pick(a, 'moon_cat-7');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ slug: 'moon_cat-7', slugChangeable: false });
    expect((await t.app.inject({ url: '/api/channels/moon_cat-7' })).json().slug).toBe('moon_cat-7');
    const old = await t.app.inject({ url: `/api/channels/${before.slug}` });
    expect(old.statusCode).toBe(404);
    expect(old.json().code).toBe('CHANNEL_NOT_FOUND');

    const again = await pick(a, 'moon-cat-8');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CHANNEL_SLUG_LOCKED');
    // Saving the form with the same address and a new title is not a second pick.
    const same = await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(a), payload: { slug: 'moon_cat-7', title: '새 제목' } });
    expect(same.statusCode).toBe(200);
    expect(same.json().title).toBe('새 제목');
  });

  it('refuses a taken address with 409, a reserved one and a malformed one with 400, and keeps the pick open', async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app);
    expect((await pick(a, 'taken-one')).statusCode).toBe(200);

    const taken = await pick(b, 'taken-one');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('CHANNEL_SLUG_TAKEN');
    const reserved = await pick(b, 'dashboard');
    expect(reserved.statusCode).toBe(400);
    expect(reserved.json().code).toBe('CHANNEL_SLUG_RESERVED');
    for (const bad of ['ab', 'a'.repeat(21), 'Upper', '한글주소', '-dash', 'dash_', 'sp ace']) {
      const res = await pick(b, bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().code, bad).toBe('VALIDATION_FAILED');
    }
    expect((await t.app.inject({ url: '/api/me', headers: bearer(b) })).json().channel.slugChangeable).toBe(true);
    expect((await pick(b, 'abc')).statusCode).toBe(200);
  });
});
