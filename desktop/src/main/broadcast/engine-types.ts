import type { spawn as nodeSpawn } from 'node:child_process';
import type {
  Ack,
  AudioSettings,
  BroadcastError,
  BroadcastHealth,
  BroadcastInput,
  BroadcastStatus,
  BroadcastWriteResult,
  VideoSettings,
} from '@lait/shared';
import type { BackoffOptions } from './backoff.js';
import type { X264Preset } from './ffmpeg-args.js';

/** Construction options of createBroadcastEngine. */
export interface BroadcastEngineOptions {
  /** Resolved ffmpeg executable (see resolveFfmpeg); null or a wrong path gives BROADCAST_FFMPEG_MISSING. */
  ffmpegPath: string | null;
  x264Preset?: X264Preset;
  backoff?: BackoffOptions;
  /** Grace for ffmpeg to flush and exit on stop before SIGTERM, then SIGKILL. */
  stopTimeoutMs?: number;
  /** Refusals tolerated while reconnecting (nginx may refuse briefly while its auth backend restarts). */
  maxKeyRefusals?: number;
  /** Consecutive non-network ffmpeg failures before giving up. */
  maxFfmpegFailures?: number;
  /** Above this many bytes waiting on ffmpeg's stdin the run is restarted rather than buffered. */
  maxQueuedBytes?: number;
  spawn?: typeof nodeSpawn;
  /** CPU of a process in percent of one core (pidusage in the app); sampled about once a second. */
  sampleCpu?: (pid: number) => Promise<number>;
  now?: () => number;
  random?: () => number;
}

/** Arguments of {@link BroadcastEngine.start}. */
export interface BroadcastStartOptions {
  rtmpUrl: string;
  streamKey: string;
  video: VideoSettings;
  audio: AudioSettings;
  /** Defaults to a Matroska stream fed with {@link BroadcastEngine.write}. */
  input?: BroadcastInput;
  /** Also record to this file (Matroska); later runs after a reconnect get `-partN`. */
  recordPath?: string;
  /**
   * Called before every reconnect: may answer fresh credentials (a new publish token when the
   * old one expired). A rejection keeps the old ones; the connect attempt tells.
   */
  renew?: () => Promise<{ rtmpUrl: string; streamKey: string } | null>;
}

/** Events of the engine. */
export interface BroadcastEngineEvents {
  state: [BroadcastStatus];
  health: [BroadcastHealth];
  error: [BroadcastError];
}

/** A broadcast engine: one ffmpeg at a time, restarted with back-off while the user wants to be live. */
export interface BroadcastEngine {
  start(opts: BroadcastStartOptions): Ack<BroadcastStatus>;
  /** Feed media to the current run; chunks for another `epoch` are dropped. */
  write(chunk: Uint8Array, epoch?: number): BroadcastWriteResult;
  /** Always ends in `idle`: graceful, then SIGTERM, then SIGKILL. */
  stop(): Promise<BroadcastStatus>;
  /** Skip the back-off wait while reconnecting. */
  retryNow(): Ack<BroadcastStatus>;
  status(): BroadcastStatus;
  on<E extends keyof BroadcastEngineEvents>(event: E, listener: (...a: BroadcastEngineEvents[E]) => void): () => void;
  dispose(): Promise<void>;
}
