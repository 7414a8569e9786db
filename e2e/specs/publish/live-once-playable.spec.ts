import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '@lait/testkit/accounts';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { publish, type Publisher } from '@lait/testkit/publisher';

interface ChannelView { live: boolean; status: string; hlsUrl: string; health?: unknown }

/** One look at every place that says whether the channel is live, then at its playlist, in that order. */
interface Sample {
  /** nginx carries the stream (its stat page lists the playback id). */
  publishing: boolean;
  page: boolean;
  directory: boolean;
  dashboard: boolean;
  /** Status of the playlist the API gives players, fetched after the three reads above returned. */
  playlist: number;
}

describe('a channel turns live only once its playlist answers', () => {
  let p: Platform;
  let pub: Publisher | undefined;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(async () => {
    await pub?.stop();
    await p?.stop();
  });

  it('is never reported live (channel page, directory, dashboard) while its playlist is not 200', async () => {
    const { accessToken } = await signUp(p.urls.site, { email: 'playable@lait.test', password: 'first-playlist-first', nickname: '재생가능' });
    const auth = { authorization: `Bearer ${accessToken}` };
    const me = async () => ((await (await fetch(`${p.urls.site}/api/me`, { headers: auth })).json()) as { channel: ChannelView & { slug: string; playbackId: string } }).channel;
    const { slug, playbackId, hlsUrl } = await me();
    expect(hlsUrl).toMatch(/\/master\.m3u8$/);
    const { streamKey } = (await (await fetch(`${p.urls.site}/api/me/channel/stream-key`, { method: 'POST', headers: auth })).json()) as { streamKey: string };

    const samples: Sample[] = [];
    const sample = async (): Promise<Sample> => {
      const [stat, page, directory, dashboard] = await Promise.all([
        fetch(`${p.urls.control}/stat`).then((r) => r.text()),
        p.api<ChannelView>(`/api/channels/${slug}`),
        p.api<{ channels: Array<{ slug: string }> }>('/api/channels?live=true'),
        me(),
      ]);
      const playlist = (await fetch(page.body.hlsUrl)).status;
      return {
        publishing: stat.includes(`<name>${playbackId}</name>`),
        page: page.body.live || page.body.status === 'live',
        directory: directory.body.channels.some((c) => c.slug === slug),
        dashboard: dashboard.live || dashboard.health !== null,
        playlist,
      };
    };

    // A 3 s keyframe interval: the first playlist comes about 3 s after nginx accepts the publish.
    pub = publish(p.urls.rtmp, streamKey, { keyframeSec: 3 });
    await waitFor('the channel to be reported live', async () => {
      const s = await sample();
      samples.push(s);
      return s.page && s.directory && s.dashboard;
    }, 30_000, 50);

    const reportedLive = samples.filter((s) => s.page || s.directory || s.dashboard);
    expect(reportedLive.length).toBeGreaterThan(0);
    // Every time anything said live, the playlist players load answered right after.
    expect(reportedLive.map((s) => s.playlist)).toEqual(reportedLive.map(() => 200));
    // The window this is about was sampled: nginx already carried the stream while the channel was not yet live.
    const publishingNotLive = samples.filter((s) => s.publishing && !s.page && !s.directory && !s.dashboard);
    expect(publishingNotLive.length, 'samples while publishing but not yet playable').toBeGreaterThan(0);
    expect(p.serverLog()).toContain('channel live: its playlist answers');
    expect(p.serverLog()).not.toContain(streamKey);
  });
});
