import Hls, { type ErrorData, type LevelLoadedData } from 'hls.js';
import { LIVE_SYNC_SEC, LOW_LATENCY_HLS_CONFIG, RECOVERY } from './hls-config';
import type { EndReason, PlayerState } from './player-state';

export interface LivePlayerCallbacks {
  onState(state: PlayerState): void;
  /** The stream looks over (playlist gone, ENDLIST, errors that retries did not fix): ask the API. */
  onEnded(reason: EndReason): void;
  /**
   * The live playlist stopped growing (true) or grows again (false). nginx keeps serving the last
   * playlist for seconds after a publisher drops, so this is the first sign of a be-right-back.
   */
  onStale?(stale: boolean): void;
}

/** Reloads in a row that found the playlist unchanged before it counts as stale (one miss is normal jitter). */
const STALE_RELOADS = 2;

export interface LivePlayer {
  /** Seconds behind the playlist's live edge, once known. */
  latency(): number | null;
  /** Moves playback to where a fresh join would sit behind the live edge (after a pause, or when behind). */
  seekToLiveEdge(): void;
  destroy(): void;
}

const HLS_MIME = 'application/vnd.apple.mpegurl';

/** Plays a live HLS url in `video`: hls.js (MSE) where supported, else native HLS (iOS Safari). */
export function createLivePlayer(
  video: HTMLVideoElement,
  url: string,
  callbacks: LivePlayerCallbacks,
  HlsImpl: typeof Hls = Hls,
): LivePlayer {
  if (HlsImpl.isSupported()) return new HlsLivePlayer(video, url, callbacks, HlsImpl);
  if (video.canPlayType(HLS_MIME) !== '') return createNativePlayer(video, url, callbacks);
  callbacks.onState('error');
  callbacks.onEnded('unsupported');
  return { latency: () => null, seekToLiveEdge: () => undefined, destroy: () => undefined };
}

/** Starts playback; if the browser refuses sound without a gesture, retries muted. */
export function autoplay(video: HTMLVideoElement): void {
  void Promise.resolve(video.play()).catch((err: unknown) => {
    if (err instanceof DOMException && err.name === 'NotAllowedError' && !video.muted) {
      video.muted = true;
      void Promise.resolve(video.play()).catch(() => undefined);
    }
  });
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
    destroy: () => {
      video.removeEventListener('error', onError);
      video.removeEventListener('ended', onEnded);
      video.removeAttribute('src');
      video.load();
    },
  };
}

class HlsLivePlayer implements LivePlayer {
  private hls: Hls | null = null;
  private state: PlayerState = 'loading';
  private manifestLoaded = false;
  private done = false;
  private networkFailures = 0;
  private staleReloads = 0;
  private mediaFailures = 0;
  private lastMediaErrorAt = 0;
  private rebuildTimes: number[] = [];
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly videoListeners: Array<[string, () => void]>;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly url: string,
    private readonly callbacks: LivePlayerCallbacks,
    private readonly HlsImpl: typeof Hls,
  ) {
    this.videoListeners = [
      ['playing', () => this.setState('playing')],
      // A stall mid-stream keeps the last frame up with a small spinner; "loading" is for a start.
      ['waiting', () => this.state === 'playing' && this.setState('buffering')],
      ['ended', () => this.end('endlist')],
    ];
    for (const [name, fn] of this.videoListeners) video.addEventListener(name, fn);
    this.callbacks.onState(this.state);
    this.build();
  }

  latency(): number | null {
    const value = this.hls?.latency;
    return this.state === 'playing' && typeof value === 'number' && value > 0 ? value : null;
  }

  seekToLiveEdge(): void {
    const position = this.hls?.liveSyncPosition;
    if (typeof position === 'number' && Number.isFinite(position) && position > 0) this.video.currentTime = position;
  }

  destroy(): void {
    this.done = true;
    clearTimeout(this.retryTimer);
    for (const [name, fn] of this.videoListeners) this.video.removeEventListener(name, fn);
    this.hls?.destroy();
    this.hls = null;
  }

  private build(): void {
    const { Events } = this.HlsImpl;
    const hls = new this.HlsImpl(LOW_LATENCY_HLS_CONFIG);
    this.hls = hls;
    this.manifestLoaded = false;
    hls.on(Events.MANIFEST_PARSED, () => {
      this.manifestLoaded = true;
      autoplay(this.video);
    });
    hls.on(Events.LEVEL_LOADED, (_e, data: LevelLoadedData) => {
      this.networkFailures = 0;
      this.onPlaylistLoaded(data.details.live && !data.details.updated);
      // ENDLIST: play out what is buffered; the video's `ended` event then ends the player.
      if (!data.details.live && this.state !== 'playing') this.end('endlist');
    });
    hls.on(Events.FRAG_LOADED, () => {
      this.networkFailures = 0;
    });
    hls.on(Events.ERROR, (_e, data: ErrorData) => this.onError(data));
    hls.loadSource(this.url);
    hls.attachMedia(this.video);
  }

  private onPlaylistLoaded(unchanged: boolean): void {
    const wasStale = this.staleReloads >= STALE_RELOADS;
    this.staleReloads = unchanged ? this.staleReloads + 1 : 0;
    const isStale = this.staleReloads >= STALE_RELOADS;
    if (isStale !== wasStale) this.callbacks.onStale?.(isStale);
  }

  private onError(data: ErrorData): void {
    // Non-fatal errors are retried by hls.js itself within the load policies.
    if (!data.fatal || this.done) return;
    const { ErrorTypes } = this.HlsImpl;
    if (data.type === ErrorTypes.NETWORK_ERROR) this.onNetworkError(data);
    else if (data.type === ErrorTypes.MEDIA_ERROR) this.onMediaError();
    else this.rebuild();
  }

  private onNetworkError(data: ErrorData): void {
    const { ErrorDetails } = this.HlsImpl;
    const status = data.response?.code ?? 0;
    const isManifest = data.details === ErrorDetails.MANIFEST_LOAD_ERROR || data.details === ErrorDetails.MANIFEST_LOAD_TIMEOUT;
    const isPlaylist = isManifest || data.details === ErrorDetails.LEVEL_LOAD_ERROR || data.details === ErrorDetails.LEVEL_LOAD_TIMEOUT;
    const gone = isPlaylist && (status === 404 || status === 410);
    // nginx deletes the playlist when the publisher stops (hls_cleanup): a 404 after a good load means the end.
    if (gone && this.manifestLoaded) return this.end('playlist-gone');

    this.networkFailures += 1;
    const starting = gone && !this.manifestLoaded;
    const limit = starting ? RECOVERY.startRetries : RECOVERY.networkRetries;
    if (this.networkFailures > limit) return this.end(gone ? 'playlist-gone' : 'network');

    const delay = starting
      ? RECOVERY.startRetryDelayMs
      : Math.min(1_000 * 2 ** (this.networkFailures - 1), RECOVERY.networkRetryMaxDelayMs);
    this.setState(starting ? 'loading' : 'recovering');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.done || !this.hls) return;
      // A failed manifest leaves nothing to resume: load it again. Otherwise resume the loaders.
      if (isManifest || !this.manifestLoaded) this.hls.loadSource(this.url);
      else this.hls.startLoad();
    }, delay);
  }

  private onMediaError(): void {
    const now = Date.now();
    if (now - this.lastMediaErrorAt > RECOVERY.mediaErrorWindowMs) this.mediaFailures = 0;
    this.lastMediaErrorAt = now;
    this.mediaFailures += 1;
    this.setState('recovering');
    if (this.mediaFailures === 1) {
      this.hls?.recoverMediaError();
    } else if (this.mediaFailures === 2) {
      // A second decode failure in a row is often an audio codec mislabelled in the playlist.
      this.hls?.swapAudioCodec();
      this.hls?.recoverMediaError();
    } else {
      this.rebuild();
    }
  }

  private rebuild(): void {
    const now = Date.now();
    this.rebuildTimes = this.rebuildTimes.filter((t) => now - t < 60_000);
    if (this.rebuildTimes.length >= RECOVERY.rebuildsPerMinute) return this.end('fatal', 'error');
    this.rebuildTimes.push(now);
    this.mediaFailures = 0;
    this.setState('recovering');
    this.hls?.destroy();
    this.build();
  }

  private end(reason: EndReason, state: PlayerState = 'offline'): void {
    if (this.done) return;
    clearTimeout(this.retryTimer);
    this.hls?.stopLoad();
    this.setState(state);
    this.done = true;
    this.callbacks.onEnded(reason);
  }

  private setState(state: PlayerState): void {
    if (this.done || this.state === state) return;
    this.state = state;
    this.callbacks.onState(state);
  }
}
