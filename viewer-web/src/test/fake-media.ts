import { vi } from 'vitest';

/**
 * jsdom plays nothing: gives one video element a paused flag, play() and pause() that flip it and
 * fire their events as a browser would, and a settable clock.
 */
export function driveVideo(video: HTMLVideoElement): void {
  let paused = true;
  let time = 0;
  Object.defineProperty(video, 'paused', { configurable: true, get: () => paused });
  Object.defineProperty(video, 'currentTime', { configurable: true, get: () => time, set: (v: number) => (time = v) });
  video.play = vi.fn(() => {
    paused = false;
    video.dispatchEvent(new Event('play'));
    return Promise.resolve();
  });
  video.pause = vi.fn(() => {
    paused = true;
    video.dispatchEvent(new Event('pause'));
  });
}
