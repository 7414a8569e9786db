import type Hls from 'hls.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeHls } from '../../test/fake-hls';
import { DEFAULT_ESTIMATE_BPS, readStoredEstimate, storeEstimate } from './abr';
import { createLivePlayer, type LivePlayer, type LivePlayerOptions } from './live-player';
import { AUTO, type QualityLevel } from './quality';

const URL = 'http://hls.test/hls/x/master.m3u8';
/** The master playlist of a 720p source laddered to 480p and 360p: source first. */
const MASTER = [
  { height: 720, bitrate: 3_000_000 },
  { height: 480, bitrate: 1_400_000 },
  { height: 360, bitrate: 800_000 },
];

describe('live player adaptive quality', () => {
  let video: HTMLVideoElement;
  let player: LivePlayer | undefined;
  const onLevels = vi.fn<(levels: QualityLevel[]) => void>();
  const onLevelSwitched = vi.fn<(index: number) => void>();

  beforeEach(() => {
    FakeHls.reset();
    onLevels.mockClear();
    onLevelSwitched.mockClear();
    video = document.createElement('video');
  });
  afterEach(() => player?.destroy());

  const start = (options: Omit<LivePlayerOptions, 'Hls'> = {}) => {
    player = createLivePlayer(
      video,
      URL,
      { onState: () => undefined, onEnded: () => undefined, onLevels, onLevelSwitched },
      { Hls: FakeHls as unknown as typeof Hls, storage: localStorage, ...options },
    );
    return FakeHls.latest();
  };

  it('reports the levels with the master’s first variant as the source', () => {
    start().parseManifest(MASTER);
    expect(onLevels).toHaveBeenCalledWith([
      { index: 0, height: 360, bitrate: 800_000, source: false },
      { index: 1, height: 480, bitrate: 1_400_000, source: false },
      { index: 2, height: 720, bitrate: 3_000_000, source: true },
    ]);
  });

  it('starts a first visit on the lowest rung from the conservative default estimate', () => {
    const hls = start();
    expect(hls.config.abrEwmaDefaultEstimate).toBe(DEFAULT_ESTIMATE_BPS);
    expect(hls.config.capLevelToPlayerSize).toBe(true);
    expect(hls.config.liveSyncDuration).toBe(1.5);
    hls.parseManifest(MASTER);
    expect(hls.startLevel).toBe(0);
    expect(hls.loadLevel).toBe(-1);
  });

  it('starts from the estimate this browser remembered, and seeds hls.js’s ABR with it', () => {
    storeEstimate(localStorage, 2_500_000, Date.now());
    const hls = start();
    expect(hls.config.abrEwmaDefaultEstimate).toBe(2_500_000);
    hls.parseManifest(MASTER);
    expect(hls.startLevel).toBe(1);
  });

  it('remembers hls.js’s estimate when the player goes, once a fragment was measured', () => {
    const hls = start();
    hls.bandwidthEstimate = 4_200_000;
    player?.destroy();
    expect(readStoredEstimate(localStorage, Date.now())).toBeNull();

    const next = start();
    next.emit(FakeHls.Events.FRAG_LOADED, { frag: { type: 'main', duration: 1, stats: { loading: { start: 0, end: 40 } } } });
    next.bandwidthEstimate = 4_200_000;
    window.dispatchEvent(new Event('pagehide'));
    expect(readStoredEstimate(localStorage, Date.now())).toBe(4_200_000);
  });

  it('starts on a remembered manual choice and keeps hls.js’s ABR off', () => {
    const hls = start({ quality: { kind: 'height', height: 480 } });
    hls.parseManifest(MASTER);
    expect(hls.startLevel).toBe(1);
    expect(hls.loadLevel).toBe(1);
  });

  it('switches through loadLevel, which keeps the buffer, and back to Auto with -1', () => {
    const hls = start();
    hls.parseManifest(MASTER);
    player?.setQuality({ kind: 'source' });
    expect(hls.loadLevel).toBe(2);
    player?.setQuality({ kind: 'height', height: 360 });
    expect(hls.loadLevel).toBe(0);
    player?.setQuality(AUTO);
    expect(hls.loadLevel).toBe(-1);
  });

  it('applies a choice made before the manifest arrived, and again after a rebuild', () => {
    const hls = start();
    player?.setQuality({ kind: 'height', height: 360 });
    hls.parseManifest(MASTER);
    expect(hls.loadLevel).toBe(0);
    hls.fatal('OTHER_ERROR', 'INTERNAL_EXCEPTION');
    const rebuilt = FakeHls.latest();
    expect(rebuilt).not.toBe(hls);
    rebuilt.parseManifest(MASTER);
    expect(rebuilt.loadLevel).toBe(0);
  });

  it('passes on the level now on screen', () => {
    const hls = start();
    hls.parseManifest(MASTER);
    hls.emit(FakeHls.Events.LEVEL_SWITCHED, { level: 1 });
    expect(onLevelSwitched).toHaveBeenLastCalledWith(1);
  });

  it('leaves a single-rendition stream to hls.js', () => {
    const hls = start({ quality: { kind: 'height', height: 360 } });
    hls.parseManifest([{ height: 720, bitrate: 3_000_000 }]);
    expect(hls.startLevel).toBe(-1);
    expect(hls.loadLevel).toBe(-1);
    player?.setQuality({ kind: 'source' });
    expect(hls.loadLevel).toBe(-1);
  });

  it('offers no levels with native HLS (Safari without MSE), where the browser adapts', () => {
    const NoMse = Object.assign(class extends FakeHls {}, { isSupported: () => false });
    video.canPlayType = () => 'maybe';
    player = createLivePlayer(video, URL, { onState: () => undefined, onEnded: () => undefined, onLevels }, { Hls: NoMse as unknown as typeof Hls });
    expect(FakeHls.instances).toHaveLength(0);
    expect(video.getAttribute('src')).toBe(URL);
    player.setQuality({ kind: 'source' });
    expect(onLevels).not.toHaveBeenCalled();
  });
});
