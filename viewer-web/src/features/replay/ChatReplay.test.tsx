import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubFetch, testCategories } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const video = {
  id: 'VoDid000000002', channel: { slug: 'alpha', title: '알파의 저녁 방송' }, title: '알파의 저녁 방송', category: null,
  startedAt: new Date().toISOString(), durationSec: 40, hlsUrl: '/vod/VoDid000000002/index.m3u8', thumbnailUrl: null, hidden: false,
};
const line = { id: '1', user: { id: 3, nickname: '시청자', role: 'viewer' }, text: '첫 인사', offsetSec: 0 };

describe('chat replay', () => {
  it('loads the chat again when the server failed to answer for a moment', async () => {
    let chatCalls = 0;
    stubFetch((url) => {
      if (url === '/api/categories') return jsonResponse({ categories: testCategories });
      if (url.startsWith(`/api/videos/${video.id}/chat`)) {
        chatCalls += 1;
        return chatCalls === 1
          ? jsonResponse({ statusCode: 503, code: 'UNAVAILABLE', error: 'Service Unavailable', message: 'database unavailable' }, 503)
          : jsonResponse({ messages: [line] });
      }
      if (url === `/api/videos/${video.id}`) return jsonResponse(video);
      return jsonResponse({ videos: [] });
    });
    vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => undefined);
    renderApp(`/v/${video.id}`);
    const shown = await screen.findByText('첫 인사', {}, { timeout: 5000 });
    expect(shown).toBeTruthy();
    expect(chatCalls).toBe(2);
  });
});
