import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeChannel, stubFetch } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';
import { DIRECTORY_REFRESH_MS } from './use-live-channels';

describe('live channel directory', () => {
  it('renders a card per live channel with its title, slug, category, viewers and LIVE badge', async () => {
    const fetch = stubFetch(() =>
      jsonResponse({
        channels: [
          makeChannel({ slug: 'alpha', title: '알파의 저녁 방송', viewerCount: 1234, category: 'talk' }),
          makeChannel({ slug: 'beta', title: 'Beta plays', viewerCount: 7, category: null }),
        ],
      }),
    );
    renderApp('/');
    const cards = await screen.findAllByTestId('channel-card');
    expect(fetch).toHaveBeenCalledWith('/api/channels?live=true&sort=viewers', expect.anything());
    expect(cards.map((c) => c.dataset.slug)).toEqual(['alpha', 'beta']);
    const alpha = within(cards[0]!);
    expect(alpha.getByText('알파의 저녁 방송')).toBeTruthy();
    expect(alpha.getByText('talk')).toBeTruthy();
    expect(alpha.getByTestId('live-badge').textContent).toBe('LIVE');
    expect(alpha.getByTestId('viewer-count').textContent).toBe('1,234명 시청 중');
    expect(within(cards[1]!).getByText('카테고리 없음')).toBeTruthy();
    expect(alpha.getByRole('link').getAttribute('href')).toBe('/c/alpha');
    expect(screen.queryByText('지금 방송 중인 채널이 없어요')).toBeNull();
  });

  it('shows the empty state when nobody is live', async () => {
    stubFetch(() => jsonResponse({ channels: [] }));
    renderApp('/');
    expect(await screen.findByText('지금 방송 중인 채널이 없어요')).toBeTruthy();
    expect(screen.queryAllByTestId('channel-card')).toHaveLength(0);
  });

  it('refreshes the list periodically, so a channel that goes live appears by itself', async () => {
    vi.useFakeTimers();
    let channels = [] as ReturnType<typeof makeChannel>[];
    stubFetch(() => jsonResponse({ channels }));
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
    stubFetch(() => (fail ? new Response('down', { status: 503 }) : jsonResponse({ channels: [makeChannel()] })));
    renderApp('/');
    await act(() => vi.advanceTimersByTimeAsync(0));
    fail = true;
    await act(() => vi.advanceTimersByTimeAsync(DIRECTORY_REFRESH_MS));
    expect(screen.getByTestId('channel-card')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('채널 목록을 불러오지 못했어요');
  });
});
