import type { LadderStatus } from '@lait/shared';
import { describe, expect, it, vi } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { notify } from '../../test/notify.js';
import { TEST_NOTIFY_SECRET, useTestApp } from '../../test/test-app.js';
import { bearer, signUp } from '../../test/users.js';

const rung = (name: '720p' | '480p' | '360p', speed: number | null, live = true) => ({
  name, width: 0, height: Number(name.slice(0, -1)), fps: 30, bitrateKbps: 900, live, speed, restarts: 0,
});

describe.each(DATABASE_KINDS)('the adaptive quality ladder (%s)', (kind) => {
  const t = useTestApp(kind);

  const ladderPlan = (name: string, secret = TEST_NOTIFY_SECRET) =>
    t.app.inject({ url: `/internal/rtmp/ladder?secret=${encodeURIComponent(secret)}&name=${encodeURIComponent(name)}&node=ingest-0` });
  const keyOf = async (user: { accessToken: string }) =>
    (await t.app.inject({ method: 'POST', url: '/api/me/channel/stream-key', headers: bearer(user) })).json().streamKey as string;
  const me = async (user: { accessToken: string }) => (await t.app.inject({ url: '/api/me', headers: bearer(user) })).json().channel;

  it('is on by default; the streamer turns it off in the channel settings and the supervisor is told so', async () => {
    const a = await signUp(t.app);
    const channel = await me(a);
    expect(channel.ladderEnabled).toBe(true);
    expect((await ladderPlan(channel.playbackId)).json()).toEqual({ enabled: true });

    const off = await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(a), payload: { ladderEnabled: false } });
    expect(off.statusCode).toBe(200);
    expect(off.json().ladderEnabled).toBe(false);
    expect((await ladderPlan(channel.playbackId)).json()).toEqual({ enabled: false });

    const bad = await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(a), payload: { ladderEnabled: 'yes' } });
    expect(bad.statusCode).toBe(400);
  });

  it('answers the ladder plan only with the notify secret, validates the name, and 404s an unknown playback id', async () => {
    const channel = await me(await signUp(t.app));
    expect((await ladderPlan(channel.playbackId, 'wrong-secret-0000000000')).statusCode).toBe(403);
    const unknown = await ladderPlan('NoSuchPlaybackId');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'CHANNEL_NOT_FOUND' });
    expect((await ladderPlan('../etc/passwd')).statusCode).toBe(400);
    expect((await t.app.inject({ url: `/internal/rtmp/ladder?secret=${TEST_NOTIFY_SECRET}` })).statusCode).toBe(400);
  });

  it('shows a channel live only once its playlist answers: directory, channel page, dashboard and the live event agree', async () => {
    const a = await signUp(t.app);
    const channel = await me(a);
    const key = await keyOf(a);
    const live = vi.fn();
    t.app.channels.events.on('channel:live', live);
    t.ingest.notPlayable.add(channel.playbackId);
    t.ingest.publishing.add(channel.playbackId);
    try {
      expect((await notify(t.app, 'publish', key, '500', undefined, undefined, 0)).statusCode).toBe(302);
      // Publishing but not playable: a second publisher is still refused.
      expect((await notify(t.app, 'publish', key, '501', undefined, undefined, 0)).statusCode).toBe(403);
      const seenOffline = async () => {
        const page = (await t.app.inject({ url: `/api/channels/${channel.slug}` })).json();
        const directory = (await t.app.inject({ url: '/api/channels?live=true' })).json().channels.map((c: { slug: string }) => c.slug);
        const dash = await me(a);
        expect([page.live, page.status, directory.includes(channel.slug), dash.live, dash.health]).toEqual([false, 'offline', false, false, null]);
      };
      await seenOffline();
      // Several probes run meanwhile and find no playlist.
      await new Promise((resolve) => setTimeout(resolve, 600));
      await seenOffline();
      expect(live).not.toHaveBeenCalled();

      t.ingest.notPlayable.delete(channel.playbackId);
      await vi.waitFor(async () => expect((await t.app.inject({ url: `/api/channels/${channel.slug}` })).json().status).toBe('live'), { timeout: 3000 });
      expect((await t.app.inject({ url: '/api/channels?live=true' })).json().channels.map((c: { slug: string }) => c.slug)).toContain(channel.slug);
      expect((await me(a)).health).not.toBeNull();
      expect(live).toHaveBeenCalledTimes(1);
      expect(live.mock.calls[0]![0]).toMatchObject({ slug: channel.slug, playbackId: channel.playbackId });
    } finally {
      t.app.channels.events.off('channel:live', live);
      t.ingest.publishing.delete(channel.playbackId);
    }
  });

  it('gives up watching when the publish ends before its playlist appeared', async () => {
    const a = await signUp(t.app);
    const channel = await me(a);
    const key = await keyOf(a);
    const live = vi.fn();
    t.app.channels.events.on('channel:live', live);
    t.ingest.notPlayable.add(channel.playbackId);
    try {
      expect((await notify(t.app, 'publish', key, '510', undefined, undefined, 0)).statusCode).toBe(302);
      expect((await notify(t.app, 'publish-done', key, '510')).statusCode).toBe(200);
      t.ingest.notPlayable.delete(channel.playbackId);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await t.app.inject({ url: `/api/channels/${channel.slug}` })).json().live).toBe(false);
      expect(live).not.toHaveBeenCalled();
    } finally {
      t.app.channels.events.off('channel:live', live);
    }
  });

  it('watches again a claim nobody watches (the accepting process restarted): reconciliation picks it up', async () => {
    const a = await signUp(t.app);
    const channel = await me(a);
    const row = await t.app.channels.service.getBySlug(channel.slug);
    // As a process that accepted the publish and died before the first playlist left it.
    expect(await t.app.channels.repository.claimLive(row.id, 'gone-process/7', null, new Date(), null)).toBe(true);
    const sessionId = await t.app.streams.repository.start(row.id, new Date(), null);
    await t.app.channels.repository.setSession(row.id, sessionId);
    t.ingest.publishing.add(channel.playbackId);
    try {
      expect((await t.app.inject({ url: `/api/channels/${channel.slug}` })).json().live).toBe(false);
      await t.app.streams.service.reconcile();
      await vi.waitFor(async () => expect((await t.app.inject({ url: `/api/channels/${channel.slug}` })).json().live).toBe(true), { timeout: 3000 });
    } finally {
      t.ingest.publishing.delete(channel.playbackId);
    }
  });

  it('reports the rungs and their speed in the stream health, and the capacity warning', async () => {
    const a = await signUp(t.app);
    const channel = await me(a);
    const key = await keyOf(a);
    t.ingest.publishing.add(channel.playbackId);
    const status = (state: LadderStatus['streams'][number]['state'], rungs: ReturnType<typeof rung>[]): LadderStatus => ({
      capacity: 2, encoder: 'libx264', streams: [{ name: channel.playbackId, state, cpuCores: 0.4, rungs }],
    });
    try {
      expect((await notify(t.app, 'publish', key, '520')).statusCode).toBe(302);
      t.ingest.ladder = null;
      expect((await me(a)).health.ladder).toEqual({ state: 'unknown', rungs: [] });

      t.ingest.ladder = status('transcoding', [rung('480p', 1.4), rung('360p', null, false)]);
      const health = (await me(a)).health;
      expect(health.ladder).toEqual({
        state: 'transcoding',
        rungs: [
          { name: '480p', height: 480, live: true, speed: 1.4, bitrateKbps: 900 },
          { name: '360p', height: 360, live: false, speed: null, bitrateKbps: 900 },
        ],
      });
      expect(health.warnings).not.toContain('LADDER_BEHIND');

      t.ingest.ladder = status('at-capacity', []);
      expect((await me(a)).health.warnings).toContain('LADDER_AT_CAPACITY');

      await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(a), payload: { ladderEnabled: false } });
      const off = (await me(a)).health;
      expect(off.ladder).toEqual({ state: 'off', rungs: [] });
      expect(off.warnings).not.toContain('LADDER_AT_CAPACITY');
    } finally {
      t.ingest.ladder = null;
      t.ingest.publishing.delete(channel.playbackId);
    }
  });
});
