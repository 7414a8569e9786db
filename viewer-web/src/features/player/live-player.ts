import Hls from 'hls.js';
import { LIVE_SYNC_SEC } from './hls-config';
import { autoplay } from './autoplay';
import { HlsLivePlayer } from './hls-live-player';
import type { EndReason, PlayerState } from './player-state';
import type { QualityChoice, QualityLevel } from './quality';

export interface LivePlayerCallbacks {
  onState(state: PlayerState): void;
  /** The stream looks over (playlist gone, ENDLIST, errors that retries did not fix): ask the API. */
  onEnded(reason: EndReason): void;
  /**
   * The live playlist stopped growing (true) or grows again (false). nginx keeps serving the last
   * playlist for seconds after a publisher drops, so this is the first sign of a be-right-back.
   */
  onStale?(stale: boolean): void;
  /** hls.js parsed the master playlist: its levels, for the quality menu (never called for native HLS). */
  onLevels?(levels: QualityLevel[]): void;
  /** The level of the fragment now on screen changed (hls.js's LEVEL_SWITCHED). */
  onLevelSwitched?(index: number): void;
}

export interface LivePlayerOptions {
  /** Stands in for hls.js in tests. */
  Hls?: typeof Hls;
  /** The viewer's quality choice to start with. */
  quality?: QualityChoice;
  /** Where the bandwidth estimate is remembered between visits (localStorage in the browser). */
  storage?: Storage | null;
}

export interface LivePlayer {
  /** Seconds behind the playlist's live edge, once known. */
  latency(): number | null;
  /** Moves playback to where a fresh join would sit behind the live edge (after a pause, or when behind). */
  seekToLiveEdge(): void;
  /** Plays `choice` from the next fragment on, keeping what is buffered (so the latency stays). */
  setQuality(choice: QualityChoice): void;
  destroy(): void;
}

export { autoplay };

const HLS_MIME = 'application/vnd.apple.mpegurl';

/** Plays a live HLS url in `video`: hls.js (MSE) where supported, else native HLS (iOS Safari). */
export function createLivePlayer(
  video: HTMLVideoElement,
  url: string,
  callbacks: LivePlayerCallbacks,
  options: LivePlayerOptions = {},
): LivePlayer {
  const HlsImpl = options.Hls ?? Hls;
  if (HlsImpl.isSupported()) return new HlsLivePlayer(video, url, callbacks, { ...options, Hls: HlsImpl });
  // Native HLS (Safari without MSE): the browser runs its own ABR and offers no level list.
  if (video.canPlayType(HLS_MIME) !== '') return createNativePlayer(video, url, callbacks);
  callbacks.onState('error');
  callbacks.onEnded('unsupported');
  return { latency: () => null, seekToLiveEdge: () => undefined, setQuality: () => undefined, destroy: () => undefined };
}

function createNativePlayer(video: HTMLVideoElement, url: string, callbacks: LivePlayerCallbacks): LivePlayer {
  const onError = () => callbacks.onEnded('network');
  const onEnded = () => callbacks.onEnded('endlist');
  video.addEventListener('error', onError);
  video.addEventListener('ended', onEnded);
  video.src = url;
  autoplay(video);
  return {
    latency: () => null,
    seekToLiveEdge: () => {
      const range = video.seekable;
      if (range.length > 0) video.currentTime = Math.max(range.start(range.length - 1), range.end(range.length - 1) - LIVE_SYNC_SEC);
    },
    setQuality: () => undefined,
    destroy: () => {
      video.removeEventListener('error', onError);
      video.removeEventListener('ended', onEnded);
      video.removeAttribute('src');
      video.load();
    },
  };
}
