import type { CDPSession, Page } from 'playwright-core';

/** One variant of a master playlist. */
export interface Variant {
  height: number;
  /** Peak bits per second (BANDWIDTH). */
  bandwidth: number;
  uri: string;
}

/** The variants a master playlist lists, in its order (the source first); empty for a media playlist. */
export async function masterVariants(url: string): Promise<Variant[]> {
  const res = await fetch(url);
  if (!res.ok) return [];
  const lines = (await res.text()).split('\n').map((l) => l.trim());
  const variants: Variant[] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('#EXT-X-STREAM-INF:')) return;
    const height = Number(/RESOLUTION=\d+x(\d+)/.exec(line)?.[1] ?? NaN);
    const bandwidth = Number(/[:,]BANDWIDTH=(\d+)/.exec(line)?.[1] ?? NaN);
    variants.push({ height, bandwidth, uri: lines[i + 1] ?? '' });
  });
  return variants;
}

declare global {
  interface Window {
    __playback?: { started: boolean; stalls: number };
  }
}

/**
 * Counts the video's stalls from the page's first script on: a `waiting` after playback began,
 * except while seeking (hls.js jumping back to the live sync point also fires `waiting`).
 * Media events do not bubble, but a capturing listener on the document still sees them.
 */
export async function installStallCounter(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const state = { started: false, stalls: 0 };
    window.__playback = state;
    document.addEventListener('playing', () => (state.started = true), true);
    document.addEventListener('waiting', (e) => {
      if (state.started && e.target instanceof HTMLMediaElement && !e.target.seeking) state.stalls += 1;
    }, true);
  });
}

export interface Playback {
  time: number;
  paused: boolean;
  stalls: number;
  /** Height of the rendition on screen (hls.js's LEVEL_SWITCHED), null before the first. */
  height: number | null;
  /** Seconds behind the live edge as the player shows it, null while unknown. */
  latency: number | null;
}

export async function readPlayback(page: Page): Promise<Playback> {
  return page.evaluate(() => {
    const player = document.querySelector<HTMLElement>('[data-testid="player"]');
    const video = document.querySelector<HTMLVideoElement>('[data-testid="player-video"]');
    const height = player?.dataset['levelHeight'];
    const latency = player?.dataset['latency'];
    return {
      time: video?.currentTime ?? 0,
      paused: video?.paused ?? true,
      stalls: window.__playback?.stalls ?? 0,
      height: height ? Number(height) : null,
      latency: latency ? Number(latency) : null,
    };
  });
}

/** Caps the page's download rate through the DevTools protocol (null lifts the cap). */
export async function capDownload(cdp: CDPSession, bitsPerSecond: number | null): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: bitsPerSecond === null ? 0 : 20,
    downloadThroughput: bitsPerSecond === null ? -1 : bitsPerSecond / 8,
    uploadThroughput: -1,
  });
}
