import { vi } from 'vitest';

type Handler = (event: string, data: unknown) => void;

/**
 * Stands in for hls.js in jsdom (which has no MediaSource). Tests drive it by emitting the
 * events hls.js would emit and read what the player asked of it.
 */
export class FakeHls {
  static readonly instances: FakeHls[] = [];
  static isSupported = () => true;
  static readonly Events = {
    MANIFEST_PARSED: 'hlsManifestParsed',
    LEVEL_LOADED: 'hlsLevelLoaded',
    LEVEL_SWITCHED: 'hlsLevelSwitched',
    FRAG_LOADED: 'hlsFragLoaded',
    ERROR: 'hlsError',
  };
  static readonly ErrorTypes = { NETWORK_ERROR: 'networkError', MEDIA_ERROR: 'mediaError', MUX_ERROR: 'muxError', OTHER_ERROR: 'otherError' };
  static readonly ErrorDetails = {
    MANIFEST_LOAD_ERROR: 'manifestLoadError',
    MANIFEST_LOAD_TIMEOUT: 'manifestLoadTimeOut',
    LEVEL_LOAD_ERROR: 'levelLoadError',
    LEVEL_LOAD_TIMEOUT: 'levelLoadTimeOut',
    FRAG_LOAD_ERROR: 'fragLoadError',
    BUFFER_APPEND_ERROR: 'bufferAppendError',
    INTERNAL_EXCEPTION: 'internalException',
  };

  readonly handlers = new Map<string, Handler[]>();
  latency = 1.8;
  /** Where hls.js would put a fresh join (seconds of media time); null before the first playlist. */
  liveSyncPosition: number | null = null;
  /** The level hls.js starts on (-1: its own pick); the player sets it while the manifest is parsed. */
  startLevel = -1;
  /** The level of the next fragment to load; setting it (not -1) turns hls.js's ABR off, as in hls.js. */
  loadLevel = -1;
  /** What the real one measures from fragment downloads, in bits per second. */
  bandwidthEstimate = 500_000;
  /** The levels parsed from the master playlist, sorted as hls.js sorts them. */
  levels: Array<{ height: number; bitrate: number; realBitrate: number }> = [];
  readonly loadSource = vi.fn<(url: string) => void>();
  readonly attachMedia = vi.fn<(media: HTMLMediaElement) => void>();
  readonly startLoad = vi.fn();
  readonly stopLoad = vi.fn();
  readonly recoverMediaError = vi.fn();
  readonly swapAudioCodec = vi.fn();
  readonly destroy = vi.fn();

  constructor(readonly config: Record<string, unknown>) {
    FakeHls.instances.push(this);
  }

  static reset(): void {
    FakeHls.instances.length = 0;
  }

  static latest(): FakeHls {
    const last = FakeHls.instances.at(-1);
    if (!last) throw new Error('no hls.js instance was created');
    return last;
  }

  /** Emits MANIFEST_PARSED for a master playlist of these heights and peak bitrates, in the order written (source first). */
  parseManifest(variants: ReadonlyArray<{ height: number; bitrate: number }>): void {
    // hls.js sorts levels by height, then bitrate, and reports where the first variant went.
    const levels = [...variants].sort((a, b) => a.height - b.height || a.bitrate - b.bitrate).map((v) => ({ ...v, realBitrate: 0 }));
    this.levels = levels;
    const first = levels.find((l) => l.height === variants[0]?.height && l.bitrate === variants[0]?.bitrate);
    this.emit(FakeHls.Events.MANIFEST_PARSED, { levels, firstLevel: first ? levels.indexOf(first) : 0 });
  }

  on(event: string, handler: Handler): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }

  emit(event: string, data: unknown = {}): void {
    // A bare MANIFEST_PARSED stands for a master playlist whose levels do not matter to the test.
    if (event === FakeHls.Events.MANIFEST_PARSED) data = { levels: [], firstLevel: 0, ...(data as object) };
    for (const handler of this.handlers.get(event) ?? []) handler(event, data);
  }

  fatal(type: keyof typeof FakeHls.ErrorTypes, details: keyof typeof FakeHls.ErrorDetails, httpStatus?: number): void {
    this.emit(FakeHls.Events.ERROR, {
      type: FakeHls.ErrorTypes[type],
      details: FakeHls.ErrorDetails[details],
      fatal: true,
      response: httpStatus === undefined ? undefined : { code: httpStatus, url: 'http://hls.test/x.m3u8' },
    });
  }
}
