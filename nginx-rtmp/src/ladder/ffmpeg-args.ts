import type { RungPlan } from './rungs.js';

export interface LadderCommand {
  /** `rtmp://127.0.0.1:<port>/hls/<playbackId>`, or any input ffmpeg reads (the trial encode uses lavfi). */
  input: string;
  /** Extra arguments before `-i` (e.g. `-f lavfi`). */
  inputArgs?: string[];
  sourceFps: number;
  rungs: readonly RungPlan[];
  hasAudio: boolean;
  encoder: string;
  /** Per rung: where the segment muxer writes `<n>.ts` and its `list.csv`; null discards the output (trial, bench). */
  outputDir: (rung: RungPlan) => string | null;
}

/**
 * nginx-rtmp's HLS writer stamps PTS = RTMP timestamp + 0.7 s (NGX_RTMP_HLS_DELAY, 63000 at
 * 90 kHz). With -copyts, -output_ts_offset 0.7 and no mux delay, a rung's PTS equal the source's
 * (measured with ffprobe on both: identical to the millisecond).
 */
export const NGINX_HLS_DELAY_SEC = 0.7;

function videoFilter(command: LadderCommand): string {
  const { rungs } = command;
  const fps = command.sourceFps > 30 ? ',fps=30' : '';
  const labels = rungs.map((_, i) => `[s${i}]`).join('');
  const scales = rungs.map((rung, i) => `[s${i}]scale=-2:${rung.height}${fps}[v${i}]`);
  return [`[0:v]split=${rungs.length}${labels}`, ...scales].join(';');
}

function encoderArgs(command: LadderCommand, rung: RungPlan, index: number): string[] {
  const maxrate = Math.round(rung.videoKbps * 1.07);
  const x264 = command.encoder === 'libx264' ? ['-preset', 'veryfast', '-sc_threshold', '0'] : [];
  return [
    '-map', `[v${index}]`,
    ...(command.hasAudio ? ['-map', '0:a:0?'] : []),
    '-c:v', command.encoder, ...x264,
    '-pix_fmt', 'yuv420p',
    '-b:v', `${rung.videoKbps}k`, '-maxrate', `${maxrate}k`, '-bufsize', `${rung.videoKbps}k`,
    // Keyframes exactly where the source has them and nowhere else: the fragments then cut at the
    // same instants as nginx's. A huge GOP keeps x264 from adding its own.
    '-g', '100000', '-keyint_min', '100000', '-force_key_frames', 'source',
    // Keep the source's millisecond timestamps (the default rounds to 1/fps: 12 ms off).
    '-fps_mode', 'passthrough', '-enc_time_base', '-1',
    ...(command.hasAudio ? ['-c:a', 'copy'] : []),
  ];
}

function muxerArgs(dir: string | null): string[] {
  if (dir === null) return ['-f', 'null', '-'];
  return [
    '-output_ts_offset', String(NGINX_HLS_DELAY_SEC), '-muxdelay', '0', '-muxpreload', '0',
    // A cut at every keyframe: with one keyframe per source fragment, one rung segment per fragment.
    '-f', 'segment', '-segment_format', 'mpegts', '-segment_time', '0.01',
    '-segment_list', `${dir}/list.csv`, '-segment_list_type', 'csv',
    `${dir}/%d.ts`,
  ];
}

/** ONE ffmpeg for all of a stream's rungs: the source is read and decoded once. */
export function buildLadderArgs(command: LadderCommand): string[] {
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'warning',
    '-progress', 'pipe:1', '-stats_period', '1',
    '-analyzeduration', '1000000', '-probesize', '1000000',
    '-copyts',
    ...(command.inputArgs ?? []),
    '-i', command.input,
    '-filter_complex', videoFilter(command),
    ...command.rungs.flatMap((rung, i) => [...encoderArgs(command, rung, i), ...muxerArgs(command.outputDir(rung))]),
  ];
}

/** Reads ffmpeg's `-progress` key=value blocks; calls back with the speed of each block. */
export function createProgressReader(onSpeed: (speed: number) => void): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^speed=\s*([0-9.]+)x/.exec(line.trim());
      if (match?.[1]) onSpeed(Number(match[1]));
    }
  };
}
