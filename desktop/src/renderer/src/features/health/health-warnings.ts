import type { BroadcastHealth } from '@lait/shared';

/** A problem worth telling the streamer about, in plain words (messages `warn.*`). */
export type HealthWarning = 'upload-slow' | 'frames-dropped' | 'frames-late';

/** One health block from main plus what the renderer itself saw at that moment. */
export interface HealthSample {
  health: BroadcastHealth;
  /** Compositor ticks that came more than 1.5 frame intervals late, since going live. */
  lateFrames: number;
  /** Frames the app's encoder could not take (it was still busy), since the pipeline started. */
  droppedFrames: number;
  /** How the app made its pictures at that moment (see the pipeline worker). */
  path?: 'direct' | 'i420' | 'canvas' | 'none';
}

/** ffmpeg reports a slow speed while its input buffer fills at the start of a run. */
const WARMUP_MS = 5000;
/** Bytes waiting on ffmpeg's stdin that mean the upload is behind (about 3 s at 2.5 Mb/s). */
const QUEUE_BEHIND = 1_000_000;
/** How many blocks (about a second each) a rise in drops or late frames is looked for in. */
const WINDOW = 10;

const rose = (samples: HealthSample[], pick: (s: HealthSample) => number, by: number) => {
  const last = samples.at(-1);
  const first = samples.at(-Math.min(WINDOW, samples.length));
  return !!last && !!first && pick(last) - pick(first) > by;
};

/**
 * Warnings for the recent health samples (oldest first): sustained speed below 0.95× or a
 * growing upload queue → upload; ffmpeg's or the app encoder's drops → dropped frames; late compositor ticks → CPU.
 */
export function healthWarnings(samples: HealthSample[]): HealthWarning[] {
  const out: HealthWarning[] = [];
  const recent = samples.slice(-3);
  const slow = recent.length === 3 && recent.every((s) => s.health.outTimeMs > WARMUP_MS && s.health.speed < 0.95);
  const queues = recent.map((s) => s.health.queuedBytes ?? 0);
  const backlog = queues.length === 3 && (queues[2] ?? 0) > QUEUE_BEHIND && queues.every((q, i) => i === 0 || q >= (queues[i - 1] ?? 0));
  if (slow || backlog) out.push('upload-slow');
  if (rose(samples, (s) => s.health.dropFrames + s.droppedFrames, 0)) out.push('frames-dropped');
  if (rose(samples, (s) => s.lateFrames, 5)) out.push('frames-late');
  return out;
}

/** `h:mm:ss` for a duration in milliseconds. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
