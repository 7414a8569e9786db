import { describe, expect, it } from 'vitest';
import { createFixture } from '../test/fixture.js';
import { acceptKey } from '../test/notify-stub.js';
import { waitFor } from '../test/wait.js';
import { playlistState, SERVER_CONTROL_TAG } from './delivery.js';

const KEY = 'sk_live_blockingReloadKey';
const PLAYBACK_ID = 'pbBlock1';

describe('media playlists with blocking reload, through nginx', () => {
  it('holds a request for the next fragment until nginx lists it, and refuses one too far ahead', async () => {
    const fx = await createFixture(acceptKey(KEY, PLAYBACK_ID));
    fx.publish(KEY);
    const url = `${fx.nginx.urls.hls}/${PLAYBACK_ID}/index.m3u8`;
    const first = await waitFor('two fragments listed', async () => {
      const response = await fetch(url);
      if (!response.ok) return undefined;
      const text = await response.text();
      return (playlistState(text)?.lastMsn ?? -1) >= 1 ? { response, text } : undefined;
    }, 20_000);
    expect(first.text.split('\n')[1]).toBe(SERVER_CONTROL_TAG);
    expect(first.response.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(first.response.headers.get('cache-control')).toBe('no-cache');
    expect(first.response.headers.get('access-control-allow-origin')).toBe('*');
    const last = playlistState(first.text)!.lastMsn;

    // Answered at once it would list `last` alone: listing last+1 and last+2 means it waited for them.
    const [next, afterNext] = await Promise.all([fetch(`${url}?_HLS_msn=${last + 1}`), fetch(`${url}?_HLS_msn=${last + 2}`)]);
    expect(next.status).toBe(200);
    expect(playlistState(await next.text())!.lastMsn).toBeGreaterThanOrEqual(last + 1);
    expect(afterNext.status).toBe(200);
    const text = await afterNext.text();
    expect(text.split('\n')[1]).toBe(SERVER_CONTROL_TAG);
    expect(playlistState(text)!.lastMsn).toBeGreaterThanOrEqual(last + 2);
    expect(afterNext.headers.get('access-control-allow-origin')).toBe('*');

    const current = playlistState(await (await fetch(url)).text())!.lastMsn;
    expect((await fetch(`${url}?_HLS_msn=${current + 5}`)).status).toBe(400);
    expect((await fetch(`${url}?_HLS_msn=next`)).status).toBe(400);
    expect((await fetch(`${url}?_HLS_part=0`)).status).toBe(400);
    expect((await fetch(`${fx.nginx.urls.hls}/pbNobody/index.m3u8?_HLS_msn=3`)).status).toBe(404);
    expect((await fetch(url, { method: 'POST' })).status).toBe(403);
  }, 60_000);

  it('serves the playlist as nginx-rtmp writes it when blocking reload is off (benchmark peers)', async () => {
    const fx = await createFixture(acceptKey(KEY, PLAYBACK_ID), { blockingPlaylists: false });
    fx.publish(KEY);
    const url = `${fx.nginx.urls.hls}/${PLAYBACK_ID}/index.m3u8`;
    const text = await waitFor('the playlist', async () => {
      const response = await fetch(url);
      return response.ok ? response.text() : undefined;
    }, 20_000);
    expect(text).not.toContain('EXT-X-SERVER-CONTROL');
  }, 60_000);
});
