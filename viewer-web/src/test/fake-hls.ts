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

  on(event: string, handler: Handler): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }

  emit(event: string, data: unknown = {}): void {
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
