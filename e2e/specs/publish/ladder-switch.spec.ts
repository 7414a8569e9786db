import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { publish, type Publisher } from '@lait/testkit/publisher';

interface Ladder { state: string; rungs: Array<{ name: string; live: boolean; speed: number | null }> }
interface Owner { slug: string; live: boolean; hlsUrl: string; ladderEnabled: boolean; health: { warnings: string[]; ladder: Ladder } | null }

const variants = (master: string) => master.split('\n').filter((l) => l.startsWith('#EXT-X-STREAM-INF'));

describe('the streamer ladder switch, through the real ingest', () => {
  let p: Platform;
  let pub: Publisher | undefined;
  let auth: Record<string, string>;
  const me = async () => ((await (await fetch(`${p.urls.site}/api/me`, { headers: auth })).json()) as { channel: Owner }).channel;

  beforeAll(async () => {
    // One cheap rung below a 480p source, and room for one laddered stream: no trial encode at start.
    p = await startPlatform({ ladder: { rungs: ['360p'], capacity: 1 } });
    const signup = await fetch(`${p.urls.site}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ladder@lait.test', password: 'rungs-and-speeds', nickname: '화질변환' }),
    });
    expect(signup.status).toBe(201);
    auth = { authorization: `Bearer ${((await signup.json()) as { accessToken: string }).accessToken}` };
  });
  afterAll(async () => {
    await pub?.stop();
    await p?.stop();
  });

  const goLive = async () => {
    const { streamKey } = (await (await fetch(`${p.urls.site}/api/me/channel/stream-key`, { method: 'POST', headers: auth })).json()) as { streamKey: string };
    pub = publish(p.urls.rtmp, streamKey, { width: 854, height: 480, fps: 15 });
    return waitFor('the channel live', async () => {
      const channel = await me();
      return channel.live && channel.health ? channel : null;
    }, 30_000);
  };
  const stop = async () => {
    await pub?.stop();
    pub = undefined;
    await waitFor('the channel offline', async () => !(await me()).live, 20_000);
  };

  it('with the ladder on, the dashboard lists the 360p rung with its transcoder speed and the master offers it', async () => {
    expect((await me()).ladderEnabled).toBe(true);
    const channel = await goLive();
    const health = await waitFor('a live 360p rung with a speed', async () => {
      const h = (await me()).health;
      return h?.ladder.rungs.some((r) => r.name === '360p' && r.live && r.speed !== null) ? h : null;
    }, 45_000, 500);
    expect(health.ladder.state).toBe('transcoding');
    expect(health.warnings).not.toContain('LADDER_AT_CAPACITY');
    const master = await (await fetch(channel.hlsUrl)).text();
    expect(variants(master)).toHaveLength(2);
    expect(master).toContain('360p/index.m3u8');
    await stop();

    // The replay keeps the rung: the recorder picked it up when it joined the master.
    const videos = await waitFor('the VOD to be listed', async () => {
      const body = (await p.api<{ videos: Array<{ hlsUrl: string }> }>(`/api/channels/${channel.slug}/videos`)).body;
      return body.videos.length > 0 ? body.videos : null;
    }, 15_000, 250);
    const vodMaster = (await p.api<string>(videos[0]!.hlsUrl)).text;
    expect(variants(vodMaster)).toHaveLength(2);
    for (const folder of ['0', '1']) {
      const vod = (await p.api<string>(videos[0]!.hlsUrl.replace(/index\.m3u8$/, `${folder}/index.m3u8`))).text;
      expect(vod, folder).toContain('#EXT-X-ENDLIST');
      expect(vod.split('\n').filter((l) => l.endsWith('.ts')).length, folder).toBeGreaterThan(0);
    }
  });

  it('with the ladder off, viewers get the source alone and the dashboard says it is off', async () => {
    const off = await fetch(`${p.urls.site}/api/me/channel`, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ ladderEnabled: false }) });
    expect(off.status).toBe(200);
    const channel = await goLive();
    expect(channel.health?.ladder).toEqual({ state: 'off', rungs: [] });
    // The supervisor has decided (its status says off too), and it transcodes nothing.
    await waitFor('the supervisor to report the stream off', async () => p.nginx.ladderStatus()?.streams.some((s) => s.state === 'off') ?? false, 15_000);
    const master = await (await fetch(channel.hlsUrl)).text();
    expect(variants(master)).toHaveLength(1);
    expect(master).not.toContain('360p');
    await stop();
  });
});
