import type { BroadcastHealth } from '@lait/shared';

function num(v: string | undefined): number {
  const n = Number.parseFloat(v ?? '');
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

/** Turn one `-progress` block (key=value pairs) into a health sample. */
export function toHealth(fields: ReadonlyMap<string, string>, at: number): BroadcastHealth {
  // ffmpeg 5.1 names it out_time_us; older builds write out_time_ms, also in microseconds.
  const outUs = num(fields.get('out_time_us') ?? fields.get('out_time_ms'));
  return {
    frame: Math.round(num(fields.get('frame'))),
    fps: num(fields.get('fps')),
    bitrateKbps: num(fields.get('bitrate')?.replace('kbits/s', '')),
    speed: num(fields.get('speed')?.replace('x', '')),
    dropFrames: Math.round(num(fields.get('drop_frames'))),
    dupFrames: Math.round(num(fields.get('dup_frames'))),
    outTimeMs: outUs / 1000,
    at,
  };
}

/**
 * Incremental parser for `ffmpeg -progress pipe:1`: lines of `key=value`, each block closed by
 * `progress=continue` or `progress=end`.
 * @see https://ffmpeg.org/ffmpeg.html#Advanced-options (-progress)
 */
export function createProgressParser(onBlock: (health: BroadcastHealth, ended: boolean) => void, now = Date.now) {
  let partial = '';
  let fields = new Map<string, string>();
  return {
    push(chunk: string): void {
      partial += chunk;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const raw of lines) {
        const line = raw.trim();
        const eq = line.indexOf('=');
        if (eq <= 0) continue;
        const key = line.slice(0, eq);
        const value = line.slice(eq + 1);
        if (key === 'progress') {
          onBlock(toHealth(fields, now()), value === 'end');
          fields = new Map();
        } else {
          fields.set(key, value);
        }
      }
    },
  };
}
