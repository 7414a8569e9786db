import type { Category, ChannelPublic } from '@lait/shared';
import { vi } from 'vitest';

export function makeChannel(overrides: Partial<ChannelPublic> = {}): ChannelPublic {
  const slug = overrides.slug ?? 'alpha';
  return {
    slug,
    title: '알파의 저녁 방송',
    category: 'talk',
    live: true,
    playbackId: 'AbCdEfGh12345678',
    hlsUrl: 'http://hls.test/hls/AbCdEfGh12345678/index.m3u8',
    liveSince: new Date(Date.now() - 65_000).toISOString(),
    viewerCount: 1234,
    description: '',
    tags: [],
    language: 'ko',
    thumbnailUrl: null,
    followerCount: 0,
    status: overrides.live === false ? 'offline' : 'live',
    streamer: { nickname: '알파스트리머', avatarUrl: null },
    ...overrides,
  };
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Replaces the global fetch with `answer` (called with the request path) and returns the mock. */
export function stubFetch(answer: (url: string, method: string) => Response | Promise<Response>) {
  const mock = vi.fn((input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return Promise.resolve(answer(url, (init?.method ?? 'GET').toUpperCase()));
  });
  vi.stubGlobal('fetch', mock);
  return mock;
}

export const testCategories: Category[] = [
  { slug: 'games', nameKo: '게임', nameEn: 'Games', liveCount: 1 },
  { slug: 'talk', nameKo: '토크', nameEn: 'Just chatting', liveCount: 2 },
];

/** Answers /api/categories with {@link testCategories}, the dashboard's moderation lists empty, and everything else with `answer`. */
export function stubApi(answer: (url: string) => Response | Promise<Response>) {
  return stubFetch((url, method) => {
    if (method !== 'GET') return answer(url);
    if (url === '/api/categories') return jsonResponse({ categories: testCategories });
    // Past broadcasts under a channel page: none unless a test answers them itself.
    if (/^\/api\/channels\/[^/]+\/videos/.test(url)) return jsonResponse({ videos: [] });
    if (/^\/api\/channels\/[^/]+\/clips/.test(url)) return jsonResponse({ clips: [] });
    if (url === '/api/me/following/videos') return jsonResponse({ videos: [] });
    if (url === '/api/me/channel/moderation') return jsonResponse({ moderators: [], banned: [] });
    return answer(url);
  });
}
