import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeChannel, stubApi } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';
import { testUser } from '../../test/auth';
import { DIRECTORY_REFRESH_MS } from './use-channel-list';

describe('live channel directory', () => {
  it('renders a card per live channel with its title, streamer nickname, category name, viewers and LIVE badge', async () => {
    const fetch = stubApi(() =>
      jsonResponse({
        channels: [
          makeChannel({ slug: 'alpha', title: '알파의 저녁 방송', viewerCount: 1234, category: 'talk' }),
          makeChannel({ slug: 'beta', title: 'Beta plays', viewerCount: 7, category: null, streamer: null }),
        ],
      }),
    );
    renderApp('/');
    const cards = await screen.findAllByTestId('channel-card');
    expect(fetch).toHaveBeenCalledWith('/api/channels?live=true&sort=viewers', expect.anything());
    expect(cards.map((c) => c.dataset.slug)).toEqual(['alpha', 'beta']);
    const alpha = within(cards[0]!);
    expect(alpha.getByText('알파의 저녁 방송')).toBeTruthy();
    expect(await alpha.findByText('토크')).toBeTruthy();
    expect(alpha.getByTestId('channel-thumbnail-placeholder')).toBeTruthy();
    expect(alpha.queryByTestId('channel-thumbnail')).toBeNull();
    expect(alpha.getByTestId('live-badge').textContent).toBe('LIVE');
    expect(alpha.getByTestId('viewer-count').textContent).toBe('1,234명 시청 중');
    expect(within(cards[1]!).getByText('카테고리 없음')).toBeTruthy();
    // The streamer by nickname, with the nickname's initial, never the slug's; an owner-less channel falls back to its slug.
    expect(alpha.getByTestId('channel-streamer').textContent).toBe('알파스트리머');
    expect(alpha.getByTestId('streamer-avatar').textContent).toBe('알');
    expect(within(cards[1]!).getByTestId('channel-streamer').textContent).toBe('beta');
    expect(alpha.getByRole('link').getAttribute('href')).toBe('/c/alpha');
    expect(screen.queryByText('지금 방송 중인 채널이 없어요')).toBeNull();
  });

  it('shows the followed channels that are live in a sidebar when signed in, and no sidebar signed out', async () => {
    const followed = [
      makeChannel({ slug: 'friend', live: true, viewerCount: 12, category: 'games', streamer: { nickname: '친구방송', avatarUrl: null } }),
      makeChannel({ slug: 'sleeping', live: false, streamer: { nickname: '자는중', avatarUrl: null } }),
    ];
    stubApi((url) => jsonResponse({ channels: url === '/api/me/following' ? followed : [] }));
    const { unmount } = renderApp('/', 'ko', { user: testUser });
    const sidebar = await screen.findByTestId('followed-sidebar');
    const item = await within(sidebar).findByTestId('followed-live');
    expect(item.dataset.slug).toBe('friend');
    expect(item.getAttribute('href')).toBe('/c/friend');
    expect(item.textContent).toContain('친구방송');
    expect(item.textContent).toContain('12명 시청 중');
    expect(await within(sidebar).findByText('게임')).toBeTruthy();
    expect(within(sidebar).queryByText('자는중')).toBeNull();
    unmount();

    renderApp('/');
    await screen.findByText('지금 방송 중인 채널이 없어요');
    expect(screen.queryByTestId('followed-sidebar')).toBeNull();
  });

  it('shows the empty state when nobody is live', async () => {
    stubApi(() => jsonResponse({ channels: [] }));
    renderApp('/');
    expect(await screen.findByText('지금 방송 중인 채널이 없어요')).toBeTruthy();
    expect(screen.queryAllByTestId('channel-card')).toHaveLength(0);
  });

  it('refreshes the list periodically, so a channel that goes live appears by itself', async () => {
    vi.useFakeTimers();
    let channels = [] as ReturnType<typeof makeChannel>[];
    stubApi(() => jsonResponse({ channels }));
    renderApp('/');
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByTestId('directory-empty')).toBeTruthy();

    channels = [makeChannel({ slug: 'gamma' })];
    await act(() => vi.advanceTimersByTimeAsync(DIRECTORY_REFRESH_MS));
    expect(screen.getByTestId('channel-card').dataset.slug).toBe('gamma');
    expect(screen.queryByTestId('directory-empty')).toBeNull();
  });

  it('keeps the last list and says so when a refresh fails', async () => {
    vi.useFakeTimers();
    let fail = false;
    stubApi(() => (fail ? new Response('down', { status: 503 }) : jsonResponse({ channels: [makeChannel()] })));
    renderApp('/');
    await act(() => vi.advanceTimersByTimeAsync(0));
    fail = true;
    await act(() => vi.advanceTimersByTimeAsync(DIRECTORY_REFRESH_MS));
    expect(screen.getByTestId('channel-card')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('채널 목록을 불러오지 못했어요');
  });

  it('shows the thumbnail when the channel has one', async () => {
    stubApi(() => jsonResponse({ channels: [makeChannel({ thumbnailUrl: '/api/thumbnails/AbCdEfGh12345678.jpg?v=3' })] }));
    renderApp('/');
    const img = await screen.findByTestId('channel-thumbnail');
    expect(img.getAttribute('src')).toBe('/api/thumbnails/AbCdEfGh12345678.jpg?v=3');
  });

  it('filters by category from the category bar, naming categories in the current language', async () => {
    const fetch = stubApi((url) =>
      jsonResponse({
        channels: url.includes('category=games')
          ? [makeChannel({ slug: 'gamer', category: 'games' })]
          : [makeChannel({ slug: 'gamer', category: 'games' }), makeChannel({ slug: 'talker', category: 'talk' })],
      }),
    );
    renderApp('/', 'en');
    expect(await screen.findAllByTestId('channel-card')).toHaveLength(2);
    const games = await screen.findByRole('link', { name: /^Games/ });
    expect(games.dataset.testid).toBe('category-link');
    expect(games.dataset.slug).toBe('games');

    fireEvent.click(games);

    expect(await screen.findByRole('heading', { name: 'Games' })).toBeTruthy();
    await vi.waitFor(() => expect(screen.getAllByTestId('channel-card').map((c) => c.dataset.slug)).toEqual(['gamer']));
    expect(fetch).toHaveBeenCalledWith('/api/channels?live=true&category=games&sort=viewers', expect.anything());
    expect(screen.getByRole('link', { name: /^Games/ }).getAttribute('aria-current')).toBe('page');
  });

  it('answers an unknown category with the not-found page', async () => {
    stubApi(() => jsonResponse({ channels: [] }));
    renderApp('/category/no-such-thing');
    expect((await screen.findByTestId('page-not-found')).textContent).toContain('페이지를 찾을 수 없어요');
    expect(screen.queryByTestId('category-page')).toBeNull();
  });

  it('opens /category/:slug directly with only that category\'s live channels', async () => {
    const fetch = stubApi(() => jsonResponse({ channels: [] }));
    renderApp('/category/talk');
    expect(await screen.findByRole('heading', { name: '토크' })).toBeTruthy();
    expect(await screen.findByText('이 카테고리에서 방송 중인 채널이 없어요')).toBeTruthy();
    expect(fetch).toHaveBeenCalledWith('/api/channels?live=true&category=talk&sort=viewers', expect.anything());
  });

  it('searches from the top bar (Hangul initials are matched by the server)', async () => {
    const fetch = stubApi((url) => jsonResponse({ channels: url.includes('q=') ? [makeChannel({ slug: 'lait', title: '라잇 방송' })] : [] }));
    renderApp('/');
    const input = screen.getByTestId('search-input');
    fireEvent.change(input, { target: { value: 'ㄹㅇ' } });
    fireEvent.submit(input.closest('form')!);
    expect(await screen.findByRole('heading', { name: '‘ㄹㅇ’ 검색 결과' })).toBeTruthy();
    expect((await screen.findByTestId('channel-card')).dataset.slug).toBe('lait');
    expect(fetch).toHaveBeenCalledWith(`/api/channels?q=${encodeURIComponent('ㄹㅇ')}&sort=viewers`, expect.anything());
  });
});
