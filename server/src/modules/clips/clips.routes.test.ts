import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { useTestApp } from '../../test/test-app.js';
import { bearer, signUp } from '../../test/users.js';
import { ClipEntity } from './clip.entities.js';

describe.each(DATABASE_KINDS)('clips of a channel (%s)', (kind) => {
  const t = useTestApp(kind);

  it('lists a channel\'s clips newest first, and a deleted clip leaves the list', async () => {
    const owner = await signUp(t.app, `cowner${kind}`);
    const fan = await signUp(t.app, `cfan${kind}`);
    const { slug } = (await t.app.inject({ url: '/api/me', headers: bearer(owner) })).json<{ channel: { slug: string } }>().channel;
    const channel = await t.app.channels.service.getBySlug(slug);
    const at = (min: number) => new Date(Date.UTC(2026, 11, 6, 7, min));
    await t.app.db.getRepository(ClipEntity).insert([
      { id: `clipold${kind}00000`.slice(0, 14), channelId: channel.id, videoId: null, createdBy: fan.id, title: '옛 클립', durationMs: 20_000, createdAt: at(1) },
      { id: `clipnew${kind}00000`.slice(0, 14), channelId: channel.id, videoId: null, createdBy: fan.id, title: '새 클립', durationMs: 30_000, createdAt: at(2) },
    ]);
    const list = await t.app.inject({ url: `/api/channels/${slug}/clips` });
    expect(list.statusCode).toBe(200);
    const clips = list.json<{ clips: Array<{ id: string; title: string; durationSec: number }> }>().clips;
    expect(clips.map((c) => c.title)).toEqual(['새 클립', '옛 클립']);
    expect(clips[0]!.durationSec).toBe(30);
    expect((await t.app.inject({ url: `/api/channels/${slug}/clips?limit=1` })).json().clips).toHaveLength(1);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/clips/${clips[0]!.id}`, headers: bearer(owner) })).statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/channels/${slug}/clips` })).json().clips.map((c: { title: string }) => c.title)).toEqual(['옛 클립']);
    expect((await t.app.inject({ url: '/api/channels/no-such-channel/clips' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/channels/${slug}/clips?limit=0` })).statusCode).toBe(400);
  });
});
