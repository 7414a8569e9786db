import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { useTestApp } from '../../test/test-app.js';

describe.each(DATABASE_KINDS)('streamer names on channels (%s)', (kind) => {
  const t = useTestApp(kind);
  let emails = 0;
  /** Hangul nicknames make no valid e-mail local part, so the address is made apart from the name. */
  const signUp = async (nickname: string) => {
    const payload = { email: `streamer${++emails}@lait.test`, password: 'correct-horse-7', nickname };
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/signup', payload });
    expect(res.statusCode).toBe(201);
    return res.json().user as { id: number };
  };

  it('carries the owner nickname in the directory and on the channel, and null for an owner-less channel', async () => {
    const user = await signUp('라잇스트리머');
    const channel = await t.app.channels.service.findByOwner(user.id);
    await t.app.channels.service.create({ slug: 'cli-made' });

    const one = (await t.app.inject({ url: `/api/channels/${channel!.slug}` })).json();
    expect(one.streamer).toEqual({ nickname: '라잇스트리머', avatarUrl: null });
    const list = (await t.app.inject({ url: '/api/channels' })).json().channels as { slug: string; streamer: unknown }[];
    expect(list.find((c) => c.slug === channel!.slug)?.streamer).toEqual({ nickname: '라잇스트리머', avatarUrl: null });
    expect(list.find((c) => c.slug === 'cli-made')?.streamer).toBeNull();
  });

  it('finds a channel by its streamer nickname and by the nickname initials', async () => {
    const user = await signUp('달빛고양이');
    const channel = await t.app.channels.service.findByOwner(user.id);
    await t.app.channels.service.update(channel!.id, { title: 'just chatting' });
    const search = async (q: string) =>
      ((await t.app.inject({ url: `/api/channels?q=${encodeURIComponent(q)}` })).json().channels as { slug: string }[]).map((c) => c.slug);
    expect(await search('달빛')).toEqual([channel!.slug]);
    expect(await search('ㄷㅂㄱㅇ')).toEqual([channel!.slug]);
    expect(await search('ㄹㅇㅅㅌ')).not.toContain(channel!.slug);
    expect(await search('ㄷㅂㄱㅇ없음')).toEqual([]);
  });
});

describe.each(DATABASE_KINDS)('follow date for chat user cards (%s)', (kind) => {
  const t = useTestApp(kind);

  it('answers since when a user follows a channel, and null when they do not', async () => {
    const signup = async (n: number) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/signup', payload: { email: `card${n}@lait.test`, password: 'correct-horse-7', nickname: `card_user${n}` } });
      return res.json() as { user: { id: number }; accessToken: string };
    };
    const streamer = await signup(1);
    const fan = await signup(2);
    const slug = (await t.app.channels.service.findByOwner(streamer.user.id))!.slug;
    const before = Date.now();
    await t.app.inject({ method: 'POST', url: `/api/channels/${slug}/follow`, headers: { authorization: `Bearer ${fan.accessToken}` } });
    const since = (await t.app.inject({ url: `/api/channels/${slug}/followers/${fan.user.id}` })).json().followedAt as string;
    expect(Date.parse(since)).toBeGreaterThanOrEqual(before - 1000);
    expect((await t.app.inject({ url: `/api/channels/${slug}/followers/${streamer.user.id}` })).json()).toEqual({ followedAt: null });
    expect((await t.app.inject({ url: `/api/channels/${slug}/followers/abc` })).statusCode).toBe(400);
  });
});
