import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeHls } from '../../test/fake-hls';
import { driveVideo } from '../../test/fake-media';
import { jsonResponse, makeChannel, stubApi } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';
import type { Language } from '../../lib/i18n';

vi.mock('hls.js', async () => ({ default: (await import('../../test/fake-hls')).FakeHls }));

const flush = () => act(() => vi.advanceTimersByTimeAsync(0));
/** A 1080p source laddered to 720p, 480p and 360p, as the master playlist lists them: source first. */
const MASTER = [
  { height: 1080, bitrate: 6_000_000 },
  { height: 720, bitrate: 2_800_000 },
  { height: 480, bitrate: 1_400_000 },
  { height: 360, bitrate: 800_000 },
];
/** hls.js's indices once sorted by height. */
const LEVEL = { 360: 0, 480: 1, 720: 2, 1080: 3 } as const;

async function openChannel(master: ReadonlyArray<{ height: number; bitrate: number }> = MASTER, language?: Language) {
  stubApi(() => jsonResponse(makeChannel({ live: true })));
  renderApp('/c/alpha', language);
  await flush();
  const video = screen.getByTestId('player-video') as HTMLVideoElement;
  driveVideo(video);
  const hls = FakeHls.latest();
  act(() => {
    hls.parseManifest(master);
    fireEvent(video, new Event('playing'));
  });
  return hls;
}

const button = () => screen.getByTestId('player-quality-button');
const items = () => screen.getAllByRole('menuitemradio');
const item = (name: string) => screen.getByRole('menuitemradio', { name });
const key = (target: Element, k: string) => act(() => void fireEvent.keyDown(target, { key: k }));

describe('quality menu', () => {
  beforeAll(() => Promise.all([import('./LivePlayer'), import('../chat')]));
  beforeEach(() => {
    FakeHls.reset();
    vi.useFakeTimers();
  });

  it('lists Auto, the source with its height and each rung, and shows the rung playing in Auto', async () => {
    const hls = await openChannel();
    expect(button().textContent).toBe('자동');
    act(() => hls.emit(FakeHls.Events.LEVEL_SWITCHED, { level: LEVEL[480] }));
    expect(button().textContent).toBe('자동 (480p)');
    expect(button().getAttribute('aria-label')).toBe('화질: 자동 (480p)');
    expect(screen.getByTestId('player').dataset.levelHeight).toBe('480');

    act(() => button().click());
    expect(button().getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('menu', { name: '화질' })).toBeTruthy();
    expect(items().map((i) => i.textContent)).toEqual(['자동', '원본 (1080p)', '720p', '480p', '360p']);
    expect(items().map((i) => i.getAttribute('aria-checked'))).toEqual(['true', 'false', 'false', 'false', 'false']);
    expect(document.activeElement).toBe(items()[0]);
  });

  it('switches through loadLevel, remembers the choice and applies it on the next page', async () => {
    const hls = await openChannel();
    act(() => button().click());
    act(() => item('360p').click());
    expect(hls.loadLevel).toBe(LEVEL[360]);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(button().textContent).toBe('360p');
    expect(document.activeElement).toBe(button());
    expect(localStorage.getItem('lait.player.quality')).toBe('360p');

    cleanup();
    FakeHls.reset();
    const next = await openChannel();
    expect(next.startLevel).toBe(LEVEL[360]);
    expect(next.loadLevel).toBe(LEVEL[360]);
    expect(button().textContent).toBe('360p');

    act(() => button().click());
    expect(item('360p').getAttribute('aria-checked')).toBe('true');
    act(() => item('원본 (1080p)').click());
    expect(next.loadLevel).toBe(LEVEL[1080]);
    expect(localStorage.getItem('lait.player.quality')).toBe('source');
    act(() => button().click());
    act(() => item('자동').click());
    expect(next.loadLevel).toBe(-1);
    expect(localStorage.getItem('lait.player.quality')).toBe('auto');
  });

  it('works from the keyboard, without the player’s own shortcuts firing', async () => {
    const hls = await openChannel();
    const video = screen.getByTestId('player-video') as HTMLVideoElement;
    video.volume = 0.5;
    button().focus();
    key(button(), 'ArrowDown');
    expect(document.activeElement).toBe(items()[0]);
    key(items()[0]!, 'ArrowDown');
    key(document.activeElement!, 'ArrowDown');
    expect(document.activeElement?.textContent).toBe('720p');
    key(document.activeElement!, 'End');
    expect(document.activeElement?.textContent).toBe('360p');
    key(document.activeElement!, 'ArrowDown');
    expect(document.activeElement?.textContent).toBe('자동');
    key(document.activeElement!, 'ArrowUp');
    key(document.activeElement!, 'ArrowUp');
    expect(document.activeElement?.textContent).toBe('480p');
    key(document.activeElement!, ' ');
    expect(hls.loadLevel).toBe(LEVEL[480]);
    expect(video.volume).toBe(0.5);
    expect(video.pause).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(button());

    key(button(), 'Enter');
    expect(document.activeElement?.textContent).toBe('480p');
    key(document.activeElement!, 'Escape');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button());
    expect(hls.loadLevel).toBe(LEVEL[480]);
  });

  it('closes on a click outside', async () => {
    await openChannel();
    act(() => button().click());
    act(() => void fireEvent.pointerDown(document.body));
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('is hidden while the stream has a single rendition', async () => {
    await openChannel([{ height: 720, bitrate: 3_000_000 }]);
    expect(screen.queryByTestId('player-quality-button')).toBeNull();
  });

  it('speaks English on the English site', async () => {
    const hls = await openChannel(MASTER, 'en');
    act(() => hls.emit(FakeHls.Events.LEVEL_SWITCHED, { level: LEVEL[720] }));
    expect(button().textContent).toBe('Auto (720p)');
    act(() => button().click());
    expect(items().map((i) => i.textContent)).toEqual(['Auto', 'Source (1080p)', '720p', '480p', '360p']);
  });
});
