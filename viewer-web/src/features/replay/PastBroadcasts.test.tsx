import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { testUser } from '../../test/auth';
import { jsonResponse, makeChannel, stubFetch, testCategories } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

vi.mock('hls.js', async () => ({ default: (await import('../../test/fake-hls')).FakeHls }));

const video = {
  id: 'VoDid000000001', channel: { slug: 'alpha', title: '알파의 저녁 방송' }, title: '알파의 저녁 방송', category: null,
  startedAt: new Date().toISOString(), durationSec: 40, hlsUrl: '/vod/VoDid000000001/index.m3u8', thumbnailUrl: null, hidden: false,
};

describe('past broadcasts on a channel page', () => {
  it('appear after the server failed to answer for a moment, without a reload', async () => {
    let videoCalls = 0;
    stubFetch((url) => {
      if (url === '/api/categories') return jsonResponse({ categories: testCategories });
      if (url.startsWith('/api/channels/alpha/clips')) return jsonResponse({ clips: [] });
      if (url.startsWith('/api/channels/alpha/videos')) {
        videoCalls += 1;
        return videoCalls === 1
          ? jsonResponse({ statusCode: 503, code: 'UNAVAILABLE', error: 'Service Unavailable', message: 'database unavailable' }, 503)
          : jsonResponse({ videos: [video] });
      }
      return jsonResponse(makeChannel({ live: false }));
    });
    renderApp('/c/alpha');
    const item = await screen.findByTestId('past-broadcast', {}, { timeout: 4000 });
    expect(item.getAttribute('href')).toBe(`/v/${video.id}`);
    expect(videoCalls).toBe(2);
  });
});

describe('past broadcasts of followed channels', () => {
  it('are on the following page, naming their channel', async () => {
    stubFetch((url) => {
      if (url === '/api/categories') return jsonResponse({ categories: testCategories });
      if (url === '/api/me/following/videos') return jsonResponse({ videos: [video] });
      if (url === '/api/me/following') return jsonResponse({ channels: [makeChannel({ live: false })] });
      return jsonResponse({ channels: [] });
    });
    renderApp('/following', 'ko', { user: testUser });
    const shelf = await screen.findByTestId('followed-broadcasts');
    expect(shelf.textContent).toContain('팔로우한 채널의 지난 방송');
    const item = await screen.findByTestId('past-broadcast');
    expect(item.getAttribute('href')).toBe(`/v/${video.id}`);
    expect(item.textContent).toContain(video.channel.title);
  });
});
