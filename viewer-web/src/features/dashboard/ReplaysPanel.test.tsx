import type { ChannelOwner, Clip, Video } from '@lait/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { testUser } from '../../test/auth';
import { jsonResponse, makeChannel, stubApi } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const channel: ChannelOwner = { ...makeChannel({ live: false }), hasStreamKey: true, rtmpUrl: 'rtmp://127.0.0.1/live', health: null, recordVods: true, vodRetentionDays: 30, ladderEnabled: true, slugChangeable: false };
const video = (id: string, title: string, hidden = false): Video => ({
  id, channel: { slug: 'alpha', title: '채널' }, title, category: null, startedAt: '2026-12-01T10:00:00.000Z', durationSec: 3725, hlsUrl: `/vod/${id}/index.m3u8`, thumbnailUrl: null, hidden,
});
const clip = (id: string, title: string): Clip => ({
  id, url: `/clips/${id}.mp4`, shareUrl: `http://lait.test/clip/${id}`, durationSec: 30, title, channel: { slug: 'alpha', title: '채널' }, videoId: null, createdAt: '2026-12-01T10:30:00.000Z',
});

/** Videos and clips kept in memory, answered as the API does; the owner's listing needs the token. */
function stubReplayServer() {
  let videos = [video('vidAAAAAAAAAAAA1', '어제 방송'), video('vidBBBBBBBBBBBB2', '숨긴 방송', true)];
  let clips = [clip('clpAAAAAAAAAAAA1', '명장면')];
  const fetch = stubApi(() => jsonResponse({ channels: [] }));
  fetch.mockImplementation(async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const auth = (init?.headers as Record<string, string> | undefined)?.['authorization'];
    if (url === '/api/me') return jsonResponse({ user: testUser, channel });
    if (url === '/api/categories') return jsonResponse({ categories: [] });
    if (url === '/api/me/channel/moderation') return jsonResponse({ moderators: [], banned: [] });
    if (url === '/api/channels/alpha/videos') return jsonResponse({ videos: auth ? videos : videos.filter((v) => !v.hidden) });
    if (url === '/api/channels/alpha/clips') return jsonResponse({ clips });
    const v = /^\/api\/videos\/(\w+)$/.exec(url);
    if (v && method === 'PATCH') {
      const { hidden } = JSON.parse(String(init!.body)) as { hidden: boolean };
      videos = videos.map((x) => (x.id === v[1] ? { ...x, hidden } : x));
      return jsonResponse(videos.find((x) => x.id === v[1]));
    }
    if (v && method === 'DELETE') {
      videos = videos.filter((x) => x.id !== v[1]);
      return new Response(null, { status: 204 });
    }
    const c = /^\/api\/clips\/(\w+)$/.exec(url);
    if (c && method === 'DELETE') {
      clips = clips.filter((x) => x.id !== c[1]);
      return new Response(null, { status: 204 });
    }
    return jsonResponse({ channels: [] });
  });
  return { videos: () => videos, clips: () => clips };
}

describe('videos and clips on the dashboard', () => {
  it('lists the streamer\'s videos (hidden ones too) and clips, hides, shows and deletes after a confirmation', async () => {
    const server = stubReplayServer();
    renderApp('/dashboard', 'ko', { user: testUser });
    const panel = await screen.findByTestId('replays-panel');
    await waitFor(() => expect(within(panel).getAllByTestId('replay-video')).toHaveLength(2));
    const [first, second] = within(panel).getAllByTestId('replay-video');
    expect(second!.textContent).toContain('숨김');
    expect(first!.textContent).toContain('1:02:05');

    fireEvent.click(within(first!).getByTestId('replay-video-hide'));
    await waitFor(() => expect(first!.dataset['hidden']).toBe('true'));
    expect(server.videos()[0]!.hidden).toBe(true);
    fireEvent.click(within(second!).getByTestId('replay-video-hide'));
    await waitFor(() => expect(second!.dataset['hidden']).toBe('false'));

    fireEvent.click(within(first!).getByTestId('replay-video-delete'));
    expect(server.videos()).toHaveLength(2);
    fireEvent.click(within(panel).getByTestId('replay-delete-confirm'));
    await waitFor(() => expect(within(panel).getAllByTestId('replay-video')).toHaveLength(1));
    expect(server.videos().map((x) => x.title)).toEqual(['숨긴 방송']);

    const clipRow = within(panel).getByTestId('replay-clip');
    expect(clipRow.textContent).toContain('명장면');
    fireEvent.click(within(clipRow).getByTestId('replay-clip-delete'));
    fireEvent.click(within(panel).getByTestId('replay-delete-confirm'));
    await waitFor(() => expect(within(panel).queryByTestId('replay-clip')).toBeNull());
    expect(server.clips()).toEqual([]);
    expect(within(panel).getByText('아직 클립이 없어요.')).toBeTruthy();
  });
});
