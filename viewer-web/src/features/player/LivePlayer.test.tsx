import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeHls } from '../../test/fake-hls';
import { driveVideo } from '../../test/fake-media';
import { jsonResponse, makeChannel, stubApi } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';
import { ME } from '../chat/chat-test-kit';

vi.mock('hls.js', async () => ({ default: (await import('../../test/fake-hls')).FakeHls }));

const flush = () => act(() => vi.advanceTimersByTimeAsync(0));

async function openLivePlayer(options: { signedIn?: boolean } = {}) {
  stubApi(() => jsonResponse(makeChannel({ live: true })));
  // Signed in, the chat has a message box to type in (signed out it offers a login link instead).
  renderApp('/c/alpha', undefined, options.signedIn ? { user: ME } : {});
  await flush();
  const video = screen.getByTestId('player-video') as HTMLVideoElement;
  driveVideo(video);
  const hls = FakeHls.latest();
  act(() => {
    hls.emit(FakeHls.Events.MANIFEST_PARSED);
    fireEvent(video, new Event('playing'));
  });
  return { video, hls, player: screen.getByTestId('player') };
}

const press = (key: string, target: Element | Window = window) => act(() => void fireEvent.keyDown(target, { key }));

describe('live player controls', () => {
  // The page lazy-loads the player and chat; load them up front so fake timers need not wait.
  beforeAll(() => Promise.all([import('./LivePlayer'), import('../chat')]));
  beforeEach(() => {
    FakeHls.reset();
    vi.useFakeTimers();
  });
  afterEach(() => {
    Reflect.deleteProperty(HTMLElement.prototype, 'requestFullscreen');
    Reflect.deleteProperty(document, 'pictureInPictureEnabled');
  });

  it('pauses, greys the LIVE badge, and resumes at the live edge rather than where it stopped', async () => {
    const { video, hls, player } = await openLivePlayer();
    const live = screen.getByTestId('player-live');
    expect(live.textContent).toBe('라이브');
    expect(live.dataset.behind).toBe('false');

    video.currentTime = 40;
    act(() => screen.getByTestId('player-play').click());
    expect(video.pause).toHaveBeenCalled();
    expect(player.dataset.paused).toBe('true');
    expect(live.dataset.behind).toBe('true');
    expect(screen.getByTestId('player-play').getAttribute('aria-label')).toBe('재생 (k)');

    hls.liveSyncPosition = 95.5;
    press('k');
    expect(video.currentTime).toBe(95.5);
    expect(player.dataset.paused).toBe('false');
    expect(live.dataset.behind).toBe('false');

    press(' ');
    expect(player.dataset.paused).toBe('true');
    hls.liveSyncPosition = 120;
    act(() => live.click());
    expect(video.currentTime).toBe(120);
    expect(player.dataset.paused).toBe('false');
  });

  it('jumps back to the edge from the LIVE badge when playback drifted behind', async () => {
    const { video, hls } = await openLivePlayer();
    hls.latency = 9;
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    const live = screen.getByTestId('player-live');
    expect(live.dataset.behind).toBe('true');
    hls.liveSyncPosition = 300;
    act(() => live.click());
    expect(video.currentTime).toBe(300);
  });

  it('sets the volume from the slider and toggles mute with m, never while typing in chat', async () => {
    const { video } = await openLivePlayer({ signedIn: true });
    expect(video.muted).toBe(true);
    expect(screen.getByTestId('player-unmute')).toBeTruthy();

    act(() => void fireEvent.change(screen.getByTestId('player-volume'), { target: { value: '0.4' } }));
    expect(video.volume).toBeCloseTo(0.4);
    expect(video.muted).toBe(false);
    expect(screen.queryByTestId('player-unmute')).toBeNull();

    press('m');
    expect(video.muted).toBe(true);
    expect((screen.getByTestId('player-volume') as HTMLInputElement).value).toBe('0');
    press('m');
    expect(video.muted).toBe(false);
    expect(video.volume).toBeCloseTo(0.4);

    press('ArrowUp', screen.getByTestId('player-play'));
    expect(video.volume).toBeCloseTo(0.5);

    await flush();
    const chat = screen.getByTestId('chat-input');
    press('m', chat);
    press('k', chat);
    expect(video.muted).toBe(false);
    expect(video.pause).not.toHaveBeenCalled();
  });

  it('goes fullscreen from the button, a double-click and f', async () => {
    const requestFullscreen = vi.fn(() => Promise.resolve());
    Object.defineProperty(HTMLElement.prototype, 'requestFullscreen', { configurable: true, value: requestFullscreen });
    const { video, player } = await openLivePlayer();
    act(() => screen.getByTestId('player-fullscreen').click());
    act(() => void fireEvent.doubleClick(video));
    press('f');
    expect(requestFullscreen).toHaveBeenCalledTimes(3);
    expect(requestFullscreen.mock.contexts.every((el) => el === player)).toBe(true);
  });

  it('falls back to the video’s native fullscreen where the page cannot go fullscreen (iOS)', async () => {
    const { video } = await openLivePlayer();
    const native = vi.fn();
    Object.assign(video, { webkitEnterFullscreen: native });
    act(() => screen.getByTestId('player-fullscreen').click());
    expect(native).toHaveBeenCalledTimes(1);
  });

  it('toggles theatre mode with t and the button, and picture-in-picture with i', async () => {
    Object.defineProperty(document, 'pictureInPictureEnabled', { configurable: true, value: true });
    const { video } = await openLivePlayer();
    const requestPip = vi.fn(() => Promise.resolve({} as PictureInPictureWindow));
    video.requestPictureInPicture = requestPip;
    const page = document.querySelector('.channel-page') as HTMLElement;
    expect(page.dataset.theatre).toBe('false');
    press('t');
    expect(page.dataset.theatre).toBe('true');
    expect(screen.getByTestId('player-theatre').getAttribute('aria-pressed')).toBe('true');
    act(() => screen.getByTestId('player-theatre').click());
    expect(page.dataset.theatre).toBe('false');

    press('i');
    expect(requestPip).toHaveBeenCalledTimes(1);
    act(() => screen.getByTestId('player-pip').click());
    expect(requestPip).toHaveBeenCalledTimes(2);
  });

  it('shows a small spinner over the last frame on a mid-stream rebuffer, not the loading overlay', async () => {
    const { video, player } = await openLivePlayer();
    act(() => void fireEvent(video, new Event('waiting')));
    expect(player.dataset.state).toBe('buffering');
    expect(screen.getByTestId('player-buffering')).toBeTruthy();
    expect(screen.queryByText('방송을 불러오는 중…')).toBeNull();
    act(() => void fireEvent(video, new Event('playing')));
    expect(player.dataset.state).toBe('playing');
    expect(screen.queryByTestId('player-buffering')).toBeNull();
  });
});
