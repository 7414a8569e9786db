import type { ChannelOwner, StreamHealth } from '@lait/shared';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { testUser } from '../../test/auth';
import { jsonResponse, makeChannel, stubApi } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';
import { ME_POLL_MS } from './use-me';

const RTMP = 'rtmp://127.0.0.1:1935/live';

function makeOwner(overrides: Partial<ChannelOwner> = {}): ChannelOwner {
  return { ...makeChannel({ live: false, liveSince: null, viewerCount: 0 }), hasStreamKey: false, rtmpUrl: RTMP, health: null, recordVods: true, vodRetentionDays: 30, ladderEnabled: true, slugChangeable: true, ...overrides };
}

const health = (overrides: Partial<StreamHealth> = {}): StreamHealth => ({
  bitrateKbps: 4500, fps: 30, width: 1920, height: 1080, keyframeIntervalSec: 1, durationSec: 75, viewers: 3, warnings: [], ladder: { state: 'transcoding', rungs: [] }, ...overrides,
});

/** A server with one channel: /api/me answers `channel()`, rotating answers a new key each time. */
function stubServer(channel: () => ChannelOwner) {
  let keys = 0;
  let hasKey = false;
  return stubApi((url) => {
    if (url === '/api/me') return jsonResponse({ user: testUser, channel: { ...channel(), hasStreamKey: hasKey || channel().hasStreamKey } });
    if (url === '/api/me/channel/stream-key') {
      hasKey = true;
      return jsonResponse({ streamKey: `live_key${++keys}`, rtmpUrl: RTMP });
    }
    return jsonResponse({ channels: [] });
  });
}

describe('dashboard', () => {
  it('sends a signed-out visitor to login', async () => {
    stubServer(() => makeOwner());
    renderApp('/dashboard');
    expect(await screen.findByTestId('login-email')).toBeTruthy();
  });

  it('shows the server URL and a new stream key once, and never again after navigating away', async () => {
    const fetch = stubServer(() => makeOwner());
    renderApp('/dashboard', 'ko', { user: testUser });
    await screen.findByTestId('dashboard');
    expect(screen.getByTestId('stream-server-url').textContent).toBe(RTMP);
    expect(screen.queryByTestId('stream-key-value')).toBeNull();
    expect(screen.getByText('아직 스트림 키가 없어요. 키를 만들어 주세요.')).toBeTruthy();

    fireEvent.click(screen.getByTestId('stream-key-rotate'));
    const input = (await screen.findByTestId('stream-key-value')) as HTMLInputElement;
    expect(input.value).toBe('live_key1');
    expect(input.readOnly).toBe(true);
    // Masked until asked, for a streamer sharing their screen; copying works either way.
    expect(input.type).toBe('password');
    fireEvent.click(screen.getByTestId('stream-key-reveal'));
    expect(input.type).toBe('text');
    fireEvent.click(screen.getByTestId('stream-key-reveal'));
    expect(input.type).toBe('password');
    expect(screen.getByText(/한 번만 보여요/)).toBeTruthy();
    expect(screen.getByTestId('stream-key-copy')).toBeTruthy();
    const rotate = fetch.mock.calls.find(([url]) => url === '/api/me/channel/stream-key');
    expect((rotate?.[1] as RequestInit).headers).toMatchObject({ authorization: expect.stringMatching(/^Bearer /) });

    fireEvent.click(screen.getByRole('link', { name: '홈' }));
    await screen.findByTestId('directory');
    fireEvent.click(screen.getByRole('link', { name: '방송 관리' }));
    await screen.findByTestId('dashboard');
    expect(screen.queryByTestId('stream-key-value')).toBeNull();
    expect(screen.queryByText('live_key1')).toBeNull();
    expect(screen.getByText(/저장된 키는 보여 주지 않아요/)).toBeTruthy();
    expect(screen.getByTestId('stream-key-rotate').textContent).toBe('스트림 키 재발급');
  });

  it('while live: the link to share (once per broadcast), the preview and the chat beside it', async () => {
    stubServer(() => makeOwner({ live: true, status: 'live', liveSince: '2026-12-06T06:00:00.000Z', health: health() }));
    renderApp('/dashboard', 'ko', { user: testUser });
    const share = await screen.findByTestId('live-share');
    expect(within(share).getByText('방송을 시작했어요! 🎉')).toBeTruthy();
    expect((screen.getByTestId('live-share-url') as HTMLInputElement).value).toBe(`${window.location.origin}/c/alpha`);
    const manager = screen.getByTestId('stream-manager');
    expect(await within(manager).findByTestId('player')).toBeTruthy();
    expect(await within(manager).findByTestId('chat-panel')).toBeTruthy();
    fireEvent.click(screen.getByTestId('live-share-dismiss'));
    expect(screen.queryByTestId('live-share')).toBeNull();
  });

  it('shows neither the share card nor the preview while offline', async () => {
    stubServer(() => makeOwner());
    renderApp('/dashboard', 'ko', { user: testUser });
    await screen.findByTestId('dashboard');
    expect(screen.queryByTestId('live-share')).toBeNull();
    expect(screen.queryByTestId('stream-manager')).toBeNull();
  });

  it('asks before rotating while live, because that ends the stream', async () => {
    stubServer(() => makeOwner({ live: true, hasStreamKey: true, health: health() }));
    renderApp('/dashboard', 'ko', { user: testUser });
    await screen.findByTestId('dashboard');
    fireEvent.click(screen.getByTestId('stream-key-rotate'));
    expect(screen.queryByTestId('stream-key-value')).toBeNull();
    fireEvent.click(screen.getByTestId('stream-key-rotate-confirm'));
    expect(((await screen.findByTestId('stream-key-value')) as HTMLInputElement).value).toBe('live_key1');
  });

  it('refreshes live status and health every few seconds and warns about a long keyframe interval', async () => {
    vi.useFakeTimers();
    let channel = makeOwner();
    stubServer(() => channel);
    renderApp('/dashboard', 'ko', { user: testUser });
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByTestId('live-status').dataset.live).toBe('false');
    expect(screen.queryByTestId('stream-health')).toBeNull();

    channel = makeOwner({ live: true, health: health({ keyframeIntervalSec: 8.3, warnings: ['KEYFRAME_INTERVAL_TOO_LONG'] }) });
    await act(() => vi.advanceTimersByTimeAsync(ME_POLL_MS));
    expect(screen.getByTestId('live-status').dataset.live).toBe('true');
    const panel = within(screen.getByTestId('stream-health'));
    expect(panel.getByText('4,500 Kbps')).toBeTruthy();
    expect(panel.getByText('1920×1080')).toBeTruthy();
    expect(panel.getByText('8.3초')).toBeTruthy();
    expect(panel.getByText('1:15')).toBeTruthy();
    expect(screen.getByTestId('health-warning-keyframe').textContent).toBe(
      "키프레임 간격을 1초로 설정하세요: OBS 출력 설정의 '키프레임 간격'이 자동이면 지연이 길어져요",
    );

    channel = makeOwner({ live: true, health: health() });
    await act(() => vi.advanceTimersByTimeAsync(ME_POLL_MS));
    expect(screen.queryByTestId('health-warning-keyframe')).toBeNull();
  });

  it('saves title and category and shows the server refusal for an unknown category', async () => {
    stubApi((url) => {
      if (url === '/api/me') return jsonResponse({ user: testUser, channel: makeOwner() });
      if (url === '/api/me/channel') return jsonResponse({ statusCode: 400, code: 'CATEGORY_NOT_FOUND', error: 'Bad Request', message: 'x' }, 400);
      return jsonResponse({ channels: [] });
    });
    renderApp('/dashboard', 'ko', { user: testUser });
    await screen.findByTestId('dashboard');
    fireEvent.change(screen.getByTestId('title-input'), { target: { value: '첫 방송입니다' } });
    await screen.findByRole('option', { name: '게임' });
    fireEvent.change(screen.getByTestId('category-select'), { target: { value: 'games' } });
    fireEvent.click(screen.getByTestId('channel-save'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('없는 카테고리예요. 목록에서 다시 골라 주세요.');
  });

  it('turns recording off and sets how long past broadcasts are kept', async () => {
    const fetch = stubApi((url) => {
      if (url === '/api/me') return jsonResponse({ user: testUser, channel: makeOwner() });
      if (url === '/api/me/channel') return jsonResponse(makeOwner({ recordVods: false, vodRetentionDays: 7 }));
      return jsonResponse({ channels: [] });
    });
    renderApp('/dashboard', 'ko', { user: testUser });
    await screen.findByTestId('dashboard');
    expect((screen.getByTestId('record-vods') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId('record-vods'));
    fireEvent.change(screen.getByTestId('vod-retention'), { target: { value: '7' } });
    fireEvent.click(screen.getByTestId('channel-save'));
    await screen.findByText('저장했어요.');
    const save = fetch.mock.calls.find(([url, init]) => url === '/api/me/channel' && init?.method === 'PATCH');
    expect(JSON.parse(String(save?.[1]?.body))).toMatchObject({ recordVods: false, vodRetentionDays: 7 });
  });

  it('turns the adaptive quality ladder off with its switch, explained in one line', async () => {
    const fetch = stubApi((url) => {
      if (url === '/api/me') return jsonResponse({ user: testUser, channel: makeOwner() });
      if (url === '/api/me/channel') return jsonResponse(makeOwner({ ladderEnabled: false }));
      return jsonResponse({ channels: [] });
    });
    renderApp('/dashboard', 'en', { user: testUser });
    await screen.findByTestId('dashboard');
    const toggle = screen.getByRole('switch', { name: 'Adaptive quality ladder' }) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    expect(toggle.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(toggle.getAttribute('aria-describedby')!)?.textContent).toContain('slow connections');
    fireEvent.click(toggle);
    fireEvent.click(screen.getByTestId('channel-save'));
    await screen.findByText('Saved.');
    const save = fetch.mock.calls.find(([url, init]) => url === '/api/me/channel' && init?.method === 'PATCH');
    expect(JSON.parse(String(save?.[1]?.body))).toMatchObject({ ladderEnabled: false });
  });

  it('lists the ladder rungs with their speed and warns in plain words when one falls behind', async () => {
    const ladder = {
      state: 'transcoding' as const,
      rungs: [
        { name: '480p' as const, height: 480, live: true, speed: 1.42, bitrateKbps: 1200 },
        { name: '360p' as const, height: 360, live: true, speed: 0.83, bitrateKbps: 700 },
        { name: '240p' as const, height: 240, live: false, speed: null, bitrateKbps: null },
      ],
    };
    stubServer(() => makeOwner({ live: true, status: 'live', health: health({ ladder, warnings: ['LADDER_BEHIND'] }) }));
    renderApp('/dashboard', 'ko', { user: testUser });
    const panel = within(await screen.findByTestId('ladder-health'));
    expect(panel.getByTestId('ladder-state').textContent).toBe('변환 중');
    expect(panel.getByTestId('ladder-speed-480p').textContent).toBe('속도 1.42×');
    expect(panel.getByTestId('ladder-speed-360p').textContent).toBe('속도 0.83×');
    expect(panel.getByTestId('ladder-rung-360p').className).toContain('behind');
    expect(panel.getByTestId('ladder-speed-240p').textContent).toBe('측정 중');
    expect(screen.getByTestId('health-warning-ladder-behind').textContent).toMatch(/^화질 변환이 실시간을 따라가지 못합니다/);
  });

  it('says the ladder is off, and what viewers get at capacity', async () => {
    let channel = makeOwner({ live: true, status: 'live', ladderEnabled: false, health: health({ ladder: { state: 'off', rungs: [] } }) });
    vi.useFakeTimers();
    stubServer(() => channel);
    renderApp('/dashboard', 'en', { user: testUser });
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByTestId('ladder-state').textContent).toBe('Off: viewers get your original quality only.');
    channel = makeOwner({ live: true, status: 'live', health: health({ ladder: { state: 'at-capacity', rungs: [] }, warnings: ['LADDER_AT_CAPACITY'] }) });
    await act(() => vi.advanceTimersByTimeAsync(ME_POLL_MS));
    expect(screen.getByTestId('health-warning-ladder-capacity').textContent).toContain('original quality only');
  });
});
