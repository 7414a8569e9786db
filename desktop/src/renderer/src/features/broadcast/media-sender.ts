import type { Bridge } from '../../lib/bridge';

/** MediaRecorder output: H.264 + Opus in WebM (Chromium cannot put AAC in a recording). */
export const SEND_MIME_TYPE = 'video/webm;codecs=h264,opus';
/** Slice length: each slice adds up to this much latency before ffmpeg sees the frames. */
const TIMESLICE_MS = 200;

export interface SenderOptions {
  videoBitsPerSecond: number;
  audioBitsPerSecond: number;
  keyframeSec: number;
}

/**
 * Streams the composed canvas + audio mix to main. Each ffmpeg run (an input epoch) needs a
 * fresh WebM stream — header first, starting on a keyframe — so a new epoch restarts the
 * recorder and chunks are tagged with the epoch they belong to.
 */
export function createMediaSender(bridge: Bridge, stream: MediaStream, opts: SenderOptions) {
  let recorder: MediaRecorder | null = null;
  let epoch = -1;
  let queue = Promise.resolve();

  const stopRecorder = () => {
    if (recorder && recorder.state !== 'inactive') recorder.stop();
    recorder = null;
  };

  return {
    get epoch() {
      return epoch;
    },
    /** Begin (or restart) sending for `next`; a no-op when already sending that epoch. */
    startEpoch(next: number) {
      if (next === epoch && recorder) return;
      stopRecorder();
      epoch = next;
      const rec = new MediaRecorder(stream, {
        mimeType: SEND_MIME_TYPE,
        videoBitsPerSecond: opts.videoBitsPerSecond,
        audioBitsPerSecond: opts.audioBitsPerSecond,
        // Honoured by recent Chromium; ffmpeg re-encodes with a fixed GOP either way.
        videoKeyFrameIntervalDuration: opts.keyframeSec * 1000,
      } as MediaRecorderOptions);
      const mine = next;
      rec.ondataavailable = (e) => {
        if (e.data.size === 0) return;
        // Keep chunk order: each write waits for the previous one.
        queue = queue.then(async () => {
          if (epoch !== mine) return;
          const data = new Uint8Array(await e.data.arrayBuffer());
          await bridge.broadcast.write({ epoch: mine, data });
        });
      };
      rec.start(TIMESLICE_MS);
      recorder = rec;
    },
    stop() {
      stopRecorder();
      epoch = -1;
    },
  };
}
