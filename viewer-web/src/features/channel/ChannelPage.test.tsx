import { act, fireEvent, screen } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeHls } from '../../test/fake-hls';
import { driveVideo } from '../../test/fake-media';
import { createFakeSockets, joinResult } from '../chat/fake-chat-socket';
import { jsonResponse, makeChannel, stubApi } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';
import { BRB_POLL_MS, OFFLINE_POLL_MS } from './use-channel';

vi.mock('hls.js', async () => ({ default: (await import('../../test/fake-hls')).FakeHls }));

const flush = () => act(() => vi.advanceTimersByTimeAsync(0));
/** Calls for the channel itself (the page also loads category names once). */
const channelCalls = (fetch: ReturnType<typeof stubApi>) => fetch.mock.calls.filter(([url]) => String(url).startsWith('/api/channels/') && !String(url).includes('/videos')).length;

describe('channel page', () => {
  // The page lazy-loads the player; load it once up front so fake timers need not wait for it.
  beforeAll(() => import('../player/LivePlayer'));

  beforeEach(() => {
    FakeHls.reset();
    vi.useFakeTimers();
  });

  it('shows the offline view, then turns into the player by itself when the polled API flips live', async () => {
    let live = false;
    const fetch = stubApi(() => jsonResponse(makeChannel({ live })));
    renderApp('/c/alpha');
    await flush();

    const offline = screen.getByTestId('channel-offline');
    expect(offline.textContent).toContain('오프라인');
    expect(offline.textContent).toContain('알파의 저녁 방송');
    // The category by its name in the reader's language, linking to its page.
    const category = screen.getByTestId('channel-category');
    expect(category.textContent).toBe('토크');
    expect(category.getAttribute('href')).toBe('/category/talk');
    expect(screen.getByTestId('channel-streamer').textContent).toBe('알파스트리머');
    expect(screen.getByTestId('streamer-avatar').textContent).toBe('알');
    expect(screen.queryByTestId('player-video')).toBeNull();
    expect(FakeHls.instances).toHaveLength(0);

    live = true;
    await act(() => vi.advanceTimersByTimeAsync(OFFLINE_POLL_MS));
    expect(channelCalls(fetch)).toBe(2);
    expect(screen.queryByTestId('channel-offline')).toBeNull();
    expect(screen.getByTestId('channel-live')).toBeTruthy();
    const video = screen.getByTestId('player-video') as HTMLVideoElement;
    driveVideo(video);
    expect(video.muted).toBe(true);
    expect(screen.getByTestId('player').dataset.state).toBe('loading');

    const hls = FakeHls.latest();
    expect(hls.loadSource).toHaveBeenCalledWith('http://hls.test/hls/AbCdEfGh12345678/index.m3u8');
    expect(hls.attachMedia).toHaveBeenCalledWith(video);
    expect(hls.config).toMatchObject({ lowLatencyMode: true, liveSyncDuration: 1.5, maxLiveSyncPlaybackRate: 1.2 });

    act(() => {
      hls.emit(FakeHls.Events.MANIFEST_PARSED);
      fireEvent(video, new Event('playing'));
    });
    expect(screen.getByTestId('player').dataset.state).toBe('playing');
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(screen.getByTestId('player-latency').textContent).toBe('지연 1.8초');
  });

  it('goes offline when the playlist disappears and the API confirms the stream ended', async () => {
    let live = true;
    const fetch = stubApi(() => jsonResponse(makeChannel({ live })));
    renderApp('/c/alpha');
    await flush();
    const hls = FakeHls.latest();
    act(() => hls.emit(FakeHls.Events.MANIFEST_PARSED));

    live = false;
    act(() => hls.fatal('NETWORK_ERROR', 'LEVEL_LOAD_ERROR', 404));
    expect(screen.getByTestId('player').dataset.state).toBe('offline');
    await flush();
    // The page re-checked at once instead of waiting for its next poll.
    expect(channelCalls(fetch)).toBe(2);
    expect(screen.getByTestId('channel-offline')).toBeTruthy();
    expect(screen.queryByTestId('player-video')).toBeNull();
    expect(hls.destroy).toHaveBeenCalled();
  });

  it('starts a fresh player when the stream failed but the API still says live', async () => {
    stubApi(() => jsonResponse(makeChannel({ live: true })));
    renderApp('/c/alpha');
    await flush();
    const first = FakeHls.latest();
    act(() => first.emit(FakeHls.Events.MANIFEST_PARSED));
    act(() => first.fatal('NETWORK_ERROR', 'LEVEL_LOAD_ERROR', 404));
    await flush();
    expect(FakeHls.instances).toHaveLength(2);
    expect(first.destroy).toHaveBeenCalled();
    expect(screen.getByTestId('player').dataset.state).toBe('loading');
  });

  it('shows "be right back" while the publisher is away, and plays again by itself when it returns', async () => {
    let status: 'live' | 'reconnecting' = 'live';
    const fetch = stubApi(() => jsonResponse(makeChannel({ live: true, status })));
    renderApp('/c/alpha');
    await flush();
    const first = FakeHls.latest();
    const video = screen.getByTestId('player-video') as HTMLVideoElement;
    act(() => {
      first.emit(FakeHls.Events.MANIFEST_PARSED);
      fireEvent(video, new Event('playing'));
    });

    status = 'reconnecting';
    // The player runs dry: the page asks the API at once rather than at its next live poll.
    act(() => fireEvent(video, new Event('waiting')));
    await flush();
    expect(channelCalls(fetch)).toBe(2);
    expect(screen.getByTestId('channel-brb').textContent).toContain('잠시 후 돌아옵니다');
    expect(screen.queryByTestId('player-video')).toBeNull();
    expect(screen.queryByTestId('channel-offline')).toBeNull();

    status = 'live';
    await act(() => vi.advanceTimersByTimeAsync(BRB_POLL_MS));
    expect(screen.queryByTestId('channel-brb')).toBeNull();
    expect(screen.getByTestId('player-video')).toBeTruthy();
    expect(FakeHls.instances).toHaveLength(2);
  });

  it('shows the same viewer count on the page as in the chat header as soon as chat joins', async () => {
    // The API counted before this viewer's chat joined; chat's count has them in it.
    stubApi(() => jsonResponse(makeChannel({ live: true, viewerCount: 4 })));
    const sockets = createFakeSockets();
    renderApp('/c/alpha', 'ko', { chatSockets: sockets.factory });
    await act(() => import('../chat'));
    await flush();
    expect(screen.getByTestId('viewer-count').textContent).toBe('4명 시청 중');
    sockets.latest().answers.set('chat:join', () => ({ ok: true, data: joinResult({ viewerCount: 5 }) }));
    await act(async () => sockets.latest().open());
    await flush();
    expect(screen.getByTestId('chat-viewers').dataset.count).toBe('5');
    expect(screen.getByTestId('viewer-count').textContent).toBe('5명 시청 중');
    act(() => sockets.latest().push('chat:viewers', { channel: 'alpha', count: 7 }));
    expect(screen.getByTestId('viewer-count').textContent).toBe('7명 시청 중');
  });

  it('shows a not-found view for an unknown slug and stops polling', async () => {
    const fetch = stubApi(() =>
      jsonResponse({ statusCode: 404, code: 'CHANNEL_NOT_FOUND', error: 'Not Found', message: 'no such channel' }, 404),
    );
    renderApp('/c/nobody');
    await flush();
    expect(screen.getByTestId('channel-not-found').textContent).toContain('채널을 찾을 수 없어요');
    await act(() => vi.advanceTimersByTimeAsync(OFFLINE_POLL_MS * 3));
    expect(channelCalls(fetch)).toBe(1);
  });
});
