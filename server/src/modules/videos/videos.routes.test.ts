import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChatBanEntity, ChatMessageEntity } from '../chat/chat.entities.js';
import { DATABASE_KINDS } from '../../test/databases.js';
import { useTestApp } from '../../test/test-app.js';
import { bearer, signUp } from '../../test/users.js';
import { VideoEntity } from './video.entities.js';

describe.each(DATABASE_KINDS)('videos API (%s)', (kind) => {
  const dataDir = path.join(tmpdir(), `lait-videos-${kind}-${process.pid}-${Date.now()}`);
  const t = useTestApp(kind, { DATA_DIR: dataDir });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  let n = 0;

  /** A channel owned by a new user with one ready video that started `ageDays` ago and has a file on disk. */
  async function withVideo(ageDays = 0) {
    const owner = await signUp(t.app, `vowner${kind}${++n}`);
    const me = (await t.app.inject({ url: '/api/me', headers: bearer(owner) })).json<{ channel: { slug: string } }>();
    const channel = await t.app.channels.service.getBySlug(me.channel.slug);
    const startedAt = new Date(Date.now() - ageDays * 86_400_000 - 120_000);
    const video = await t.app.videos.repository.insert({ channelId: channel.id, sessionId: 10_000 + n + (kind === 'sqlite' ? 0 : 5000), title: '지난 방송', category: null, startedAt });
    await t.app.db.getRepository(VideoEntity).update({ id: video.id }, { status: 'ready', endedAt: new Date(startedAt.getTime() + 60_000), durationMs: 60_000 });
    const dir = t.app.videos.recording.dirOf(video.id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.m3u8'), '#EXTM3U\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-ENDLIST\n');
    return { owner, channel, video, startedAt, dir };
  }

  it('replays chat at its offsets, without deleted messages or messages of banned users', async () => {
    const { owner, channel, video, startedAt } = await withVideo();
    const fan = await signUp(t.app, `vfan${kind}${n}`);
    const troll = await signUp(t.app, `vtroll${kind}${n}`);
    const at = (sec: number) => new Date(startedAt.getTime() + sec * 1000);
    const row = (id: number, userId: number, nickname: string, text: string, sec: number, deletedAt: Date | null = null) => ({
      channelId: channel.id, id, userId, nickname, role: 'viewer' as const, text, nonce: `n${id}xxxxxxxx`, createdAt: at(sec), deletedAt,
    });
    await t.app.db.getRepository(ChatMessageEntity).insert([
      row(1, owner.id, owner.nickname, 'before 20', 5),
      row(2, fan.id, fan.nickname, 'deleted', 12, new Date()),
      row(3, troll.id, troll.nickname, 'banned later', 15),
      row(4, fan.id, fan.nickname, 'at 19', 19),
      row(5, fan.id, fan.nickname, 'at 30', 30),
    ]);
    await t.app.db.getRepository(ChatBanEntity).insert({ channelId: channel.id, userId: troll.id, bannedBy: owner.id, createdAt: new Date() });

    const res = await t.app.inject({ url: `/api/videos/${video.id}/chat?from=0&to=20` });
    expect(res.statusCode).toBe(200);
    const messages = res.json<{ messages: Array<{ text: string; offsetSec: number }> }>().messages;
    expect(messages.map((m) => m.text)).toEqual(['before 20', 'at 19']);
    expect(messages[1]!.offsetSec).toBeCloseTo(19, 1);
    expect((await t.app.inject({ url: `/api/videos/${video.id}/chat?from=25` })).json().messages.map((m: { text: string }) => m.text)).toEqual(['at 30']);
    expect((await t.app.inject({ url: `/api/videos/${video.id}/chat?from=-3` })).statusCode).toBe(400);
  });

  it('lets only the owner hide and delete a video; hidden and deleted videos answer 404', async () => {
    const { owner, channel, video, dir } = await withVideo();
    const other = await signUp(t.app, `vother${kind}${n}`);
    expect((await t.app.inject({ url: `/api/channels/${channel.slug}/videos` })).json().videos).toHaveLength(1);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/videos/${video.id}`, headers: bearer(other), payload: { hidden: true } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/videos/${video.id}`, headers: bearer(owner), payload: { hidden: true } })).json()).toMatchObject({ hidden: true });
    expect((await t.app.inject({ url: `/api/videos/${video.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/vod/${video.id}/index.m3u8` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/channels/${channel.slug}/videos` })).json().videos).toHaveLength(0);
    expect((await t.app.inject({ url: `/api/channels/${channel.slug}/videos`, headers: bearer(owner) })).json().videos).toHaveLength(1);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/videos/${video.id}`, headers: bearer(other) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/videos/${video.id}`, headers: bearer(owner) })).statusCode).toBe(204);
    expect(existsSync(dir)).toBe(false);
    expect((await t.app.inject({ url: `/api/videos/${video.id}`, headers: bearer(owner) })).statusCode).toBe(404);
  });

  it('serves the files of a visible video, and refuses names outside its folder', async () => {
    const { video } = await withVideo();
    const res = await t.app.inject({ url: `/vod/${video.id}/index.m3u8` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(res.body).toContain('#EXT-X-ENDLIST');
    expect((await t.app.inject({ url: `/vod/${video.id}/..%2Flait.sqlite` })).statusCode).toBe(400);
    expect((await t.app.inject({ url: `/vod/${video.id}/missing.ts` })).statusCode).toBe(404);
  });

  it('deletes videos past their channel retention, files and all, and keeps newer ones', async () => {
    const old = await withVideo(10);
    const fresh = await withVideo(1);
    for (const c of [old.channel, fresh.channel]) await t.app.channels.service.update(c.id, { vodRetentionDays: 7 });
    expect(await t.app.videos.recording.sweepRetention()).toBeGreaterThanOrEqual(1);
    expect(existsSync(old.dir)).toBe(false);
    expect((await t.app.inject({ url: `/api/videos/${old.video.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/vod/${old.video.id}/index.m3u8` })).statusCode).toBe(404);
    expect(existsSync(fresh.dir)).toBe(true);
    expect((await t.app.inject({ url: `/api/videos/${fresh.video.id}` })).statusCode).toBe(200);
  });

  it('finishes a recording its process left behind once the session has ended, from what was copied', async () => {
    const owner = await signUp(t.app, `vorphan${kind}${++n}`);
    const slug = (await t.app.inject({ url: '/api/me', headers: bearer(owner) })).json().channel.slug as string;
    const channel = await t.app.channels.service.getBySlug(slug);
    const sessionId = await t.app.streams.repository.start(channel.id, new Date(Date.now() - 60_000));
    const video = await t.app.videos.repository.insert({ channelId: channel.id, sessionId, title: '끊긴 녹화', category: null, startedAt: new Date() });
    const dir = t.app.videos.recording.dirOf(video.id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '000000.ts'), 'x');
    writeFileSync(path.join(dir, 'index.m3u8'), '#EXTM3U\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXTINF:2.000,\n000000.ts\n#EXTINF:2.000,\n000001.ts\n');

    // Still live (another process may be recording it): left alone.
    expect(await t.app.videos.recording.finishOrphans(t.app.streams.repository)).toBe(0);
    await t.app.streams.repository.end(sessionId, 'publisher-stopped');
    expect(await t.app.videos.recording.finishOrphans(t.app.streams.repository)).toBe(1);
    const res = await t.app.inject({ url: `/api/videos/${video.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().durationSec).toBe(4);
    expect((await t.app.inject({ url: `/vod/${video.id}/index.m3u8` })).body).toContain('#EXT-X-ENDLIST');
  });

  it('lets the owner turn recording off and set the retention', async () => {
    const owner = await signUp(t.app, `vset${kind}${++n}`);
    const res = await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(owner), payload: { recordVods: false, vodRetentionDays: 14 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ recordVods: false, vodRetentionDays: 14 });
    expect((await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(owner), payload: { vodRetentionDays: 0 } })).statusCode).toBe(400);
  });

  it("lists the followed channels' recent broadcasts for the signed-in viewer, not hidden ones nor other channels'", async () => {
    const followed = await withVideo();
    const hidden = await withVideo();
    const unfollowed = await withVideo();
    const fan = await signUp(t.app, `vfollower${kind}${n}`);
    for (const { channel } of [followed, hidden]) {
      expect((await t.app.inject({ method: 'POST', url: `/api/channels/${channel.slug}/follow`, headers: bearer(fan) })).statusCode).toBe(200);
    }
    await t.app.db.getRepository(VideoEntity).update({ id: hidden.video.id }, { hidden: true });
    const res = await t.app.inject({ url: '/api/me/following/videos', headers: bearer(fan) });
    expect(res.statusCode).toBe(200);
    const videos = res.json<{ videos: Array<{ id: string; channel: { slug: string } }> }>().videos;
    expect(videos.map((v) => v.id)).toEqual([followed.video.id]);
    expect(videos[0]!.channel.slug).toBe(followed.channel.slug);
    expect(videos.some((v) => v.id === unfollowed.video.id)).toBe(false);
    expect((await t.app.inject({ url: '/api/me/following/videos' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me/following/videos?limit=0', headers: bearer(fan) })).statusCode).toBe(400);
  });
});
