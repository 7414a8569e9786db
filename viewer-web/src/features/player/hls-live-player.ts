import type Hls from 'hls.js';
import type { ErrorData, FragLoadedData, Level, LevelLoadedData, LevelSwitchedData, ManifestParsedData } from 'hls.js';
import { chooseStartLevel, createAbrConfig, DEFAULT_ESTIMATE_BPS, readStoredEstimate, storeEstimate } from './abr';
import { LOW_LATENCY_HLS_CONFIG, RECOVERY } from './hls-config';
import { autoplay } from './autoplay';
import { LinkLatency } from './live-latency';
import type { LivePlayer, LivePlayerCallbacks, LivePlayerOptions } from './live-player';
import type { EndReason, PlayerState } from './player-state';
import { AUTO, resolveChoice, type QualityChoice, type QualityLevel } from './quality';

/** Reloads in a row that found the playlist unchanged before it counts as stale (one miss is normal jitter). */
const STALE_RELOADS = 2;

/** Plays through hls.js (MSE): recovery from errors, stale playlists, the start level and quality choices. */
export class HlsLivePlayer implements LivePlayer {
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
  private readonly HlsImpl: typeof Hls;
  private readonly storage: Storage | null;
  private quality: QualityChoice;
  private levels: QualityLevel[] = [];
  /** Fragments this hls.js instance loaded: before the first, its estimate is only our own default. */
  private fragsLoaded = 0;
  /** Sits further behind the edge where fragments load slowly (a weak link), back again when they don't. */
  private readonly linkLatency = new LinkLatency(LOW_LATENCY_HLS_CONFIG.liveMaxLatencyDuration ?? 3);
  private readonly onPageHide = () => this.saveEstimate();

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly url: string,
    private readonly callbacks: LivePlayerCallbacks,
    options: LivePlayerOptions & { Hls: typeof Hls },
  ) {
    this.HlsImpl = options.Hls;
    this.storage = options.storage ?? null;
    this.quality = options.quality ?? AUTO;
    this.videoListeners = [
      ['playing', () => this.setState('playing')],
      // A stall mid-stream keeps the last frame up with a small spinner; "loading" is for a start.
      ['waiting', () => this.state === 'playing' && this.setState('buffering')],
      ['ended', () => this.end('endlist')],
    ];
    for (const [name, fn] of this.videoListeners) video.addEventListener(name, fn);
    // A closed tab never unmounts: pagehide is the last moment to remember the estimate.
    window.addEventListener('pagehide', this.onPageHide);
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

  setQuality(choice: QualityChoice): void {
    this.quality = choice;
    if (!this.hls || this.levels.length < 2) return;
    // loadLevel switches from the next fragment on and keeps the buffer; currentLevel flushes all of
    // it and nextLevel flushes what is buffered past a switch point to fetch it again, and with
    // 1.5 s between the playhead and the edge either risks a rebuffer. In Chromium on the ladder a
    // loadLevel switch from 720p to 360p stalled 0 times and kept the latency (2.57 s → 2.29 s).
    this.hls.loadLevel = resolveChoice(choice, this.levels);
  }

  destroy(): void {
    this.saveEstimate();
    window.removeEventListener('pagehide', this.onPageHide);
    this.done = true;
    clearTimeout(this.retryTimer);
    for (const [name, fn] of this.videoListeners) this.video.removeEventListener(name, fn);
    this.hls?.destroy();
    this.hls = null;
  }

  private build(): void {
    const { Events } = this.HlsImpl;
    const estimate = readStoredEstimate(this.storage, Date.now()) ?? DEFAULT_ESTIMATE_BPS;
    const hls = new this.HlsImpl({ ...LOW_LATENCY_HLS_CONFIG, ...createAbrConfig(estimate) });
    this.hls = hls;
    this.manifestLoaded = false;
    this.fragsLoaded = 0;
    hls.on(Events.MANIFEST_PARSED, (_e, data: ManifestParsedData) => {
      this.manifestLoaded = true;
      this.levels = toQualityLevels(data.levels, data.firstLevel);
      this.chooseStart(hls, data.levels, estimate);
      this.callbacks.onLevels?.(this.levels);
      autoplay(this.video);
    });
    hls.on(Events.LEVEL_SWITCHED, (_e, data: LevelSwitchedData) => this.callbacks.onLevelSwitched?.(data.level));
    hls.on(Events.LEVEL_LOADED, (_e, data: LevelLoadedData) => {
      this.networkFailures = 0;
      this.onPlaylistLoaded(data.details.live && !data.details.updated);
      // ENDLIST: play out what is buffered; the video's `ended` event then ends the player.
      if (!data.details.live && this.state !== 'playing') this.end('endlist');
    });
    hls.on(Events.FRAG_LOADED, (_e, data: FragLoadedData) => {
      this.networkFailures = 0;
      this.fragsLoaded += 1;
      const { frag } = data;
      if (frag.type === 'main') this.linkLatency.fragmentLoaded(hls, frag.duration, (frag.stats.loading.end - frag.stats.loading.start) / 1000);
    });
    hls.on(Events.ERROR, (_e, data: ErrorData) => this.onError(data));
    hls.loadSource(this.url);
    hls.attachMedia(this.video);
  }

  /**
   * Runs inside MANIFEST_PARSED, before hls.js's own start (it starts loading right after this
   * event), so the start level set here is the first one loaded.
   */
  private chooseStart(hls: Hls, levels: readonly Level[], estimate: number): void {
    if (levels.length < 2) return;
    const manual = resolveChoice(this.quality, this.levels);
    if (manual >= 0) {
      hls.startLevel = manual;
      hls.loadLevel = manual;
      return;
    }
    const playerHeight = this.video.clientHeight * (globalThis.devicePixelRatio || 1);
    hls.startLevel = chooseStartLevel(levels, estimate, playerHeight);
  }

  private saveEstimate(): void {
    if (this.hls && this.fragsLoaded > 0) storeEstimate(this.storage, this.hls.bandwidthEstimate, Date.now());
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
    this.saveEstimate();
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

/** hls.js's levels as the quality menu shows them; `firstLevel` is the master's first variant, the source. */
function toQualityLevels(levels: readonly Level[], firstLevel: number): QualityLevel[] {
  return levels.map((l, index) => ({ index, height: l.height, bitrate: l.bitrate, source: index === firstLevel }));
}
