import { execFileSync } from 'node:child_process';

/** What one recorded/sent video stream looked like, from its packets. */
export interface StreamAnalysis {
  frames: number;
  durationSec: number;
  fps: number;
  /** Frames missing against the nominal rate: gaps longer than 1.5 intervals, counted in intervals. */
  dropped: number;
  keyframes: number;
  keyIntervalMin: number;
  keyIntervalMax: number;
  keyIntervalMean: number;
}

/**
 * ffprobe the video packets of `file` from `skipSec` on (start-up excluded) and measure frame
 * rate, gaps and keyframe spacing.
 */
export function analyseVideo(ffprobe: string, file: string, nominalFps: number, skipSec = 3): StreamAnalysis {
  const out = execFileSync(ffprobe, [
    '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', file,
  ], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  const packets = out.trim().split('\n').map((l) => {
    const [pts = '', flags = ''] = l.split(',');
    return { pts: Number(pts), key: flags.includes('K') };
  }).filter((p) => Number.isFinite(p.pts)).sort((a, b) => a.pts - b.pts);
  const first = packets[0]?.pts ?? 0;
  const win = packets.filter((p) => p.pts >= first + skipSec);
  const interval = 1 / nominalFps;
  let dropped = 0;
  for (let i = 1; i < win.length; i++) {
    const gap = win[i]!.pts - win[i - 1]!.pts;
    if (gap > interval * 1.5) dropped += Math.round(gap / interval) - 1;
  }
  const keys = win.filter((p) => p.key).map((p) => p.pts);
  const gaps = keys.slice(1).map((k, i) => k - keys[i]!);
  const durationSec = win.length > 1 ? win.at(-1)!.pts - win[0]!.pts : 0;
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return {
    frames: win.length,
    durationSec: r(durationSec),
    fps: r(durationSec > 0 ? (win.length - 1) / durationSec : 0),
    dropped,
    keyframes: keys.length,
    keyIntervalMin: r(gaps.length ? Math.min(...gaps) : 0),
    keyIntervalMax: r(gaps.length ? Math.max(...gaps) : 0),
    keyIntervalMean: r(gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : 0),
  };
}
