import type { AudioSettings, BroadcastInput, HardwareEncoder, VideoSettings } from '@lait/shared';

/** libx264 speed preset; `veryfast` for real broadcasts, `ultrafast` in tests on 2 cores. */
export type X264Preset = 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium';

/** Everything one ffmpeg run needs. */
export interface FfmpegJob {
  /** Full publish URL, key included: `rtmp://host:1935/live/<key>`. */
  url: string;
  video: VideoSettings;
  audio: AudioSettings;
  input: BroadcastInput;
  x264Preset: X264Preset;
  recordPath?: string | undefined;
}

/** Join the ingest URL and the key, tolerating a trailing slash. */
export function publishUrl(rtmpUrl: string, streamKey: string): string {
  return `${rtmpUrl.replace(/\/+$/, '')}/${encodeURIComponent(streamKey)}`;
}

function inputArgs(job: FfmpegJob): string[] {
  const { width, height, fps } = job.video;
  if (job.input.kind === 'testsrc') {
    return [
      '-re', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`,
      '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
      '-map', '0:v:0', '-map', '1:a:0',
    ];
  }
  // The renderer's Matroska (H.264 + Opus, append-only) arrives in pieces; audio is optional.
  // Its header already describes both tracks: probing 0.5 s instead of the default 5 s takes
  // ~4.5 s off every go-live and reconnect (measured: connecting → live went from 5.6 s).
  return [
    '-thread_queue_size', '512', '-analyzeduration', '500000', '-probesize', '1000000',
    '-f', 'matroska', '-i', 'pipe:0', '-map', '0:v:0', '-map', '0:a:0?',
  ];
}

/** VA-API needs its device before the inputs; the render node is the same on every Linux GPU. */
const VAAPI_DEVICE = '/dev/dri/renderD128';

/**
 * ffmpeg arguments for a hardware H.264 encoder: the same fixed GOP and constant bitrate as the
 * x264 path, no B-frames (lower latency, and RTMP players expect none). `pre` goes before the
 * inputs. Shared by broadcasts and the trial that decides whether the encoder is offered.
 */
export function hardwareVideoArgs(hw: HardwareEncoder, v: Pick<VideoSettings, 'width' | 'height' | 'fps' | 'bitrateKbps' | 'keyframeSec'>): { pre: string[]; video: string[] } {
  const gop = String(Math.max(1, Math.round(v.fps * v.keyframeSec)));
  const k = `${v.bitrateKbps}k`;
  const rate = ['-b:v', k, '-maxrate', k, '-bufsize', `${v.bitrateKbps * 2}k`, '-g', gop, '-bf', '0'];
  const scale = `fps=${v.fps},scale=${v.width}:${v.height}:flags=bilinear`;
  switch (hw) {
    case 'nvenc':
      return { pre: [], video: ['-vf', `${scale},format=yuv420p`, '-c:v', 'h264_nvenc', '-preset', 'p4', '-tune', 'll', '-rc', 'cbr', ...rate, '-forced-idr', '1', '-no-scenecut', '1'] };
    case 'qsv':
      return { pre: [], video: ['-vf', `${scale},format=nv12`, '-c:v', 'h264_qsv', '-preset', 'veryfast', ...rate, '-idr_interval', '0'] };
    case 'amf':
      return { pre: [], video: ['-vf', `${scale},format=nv12`, '-c:v', 'h264_amf', '-usage', 'lowlatency', '-rc', 'cbr', ...rate] };
    case 'videotoolbox':
      return { pre: [], video: ['-vf', `${scale},format=yuv420p`, '-c:v', 'h264_videotoolbox', '-realtime', '1', '-allow_sw', '0', ...rate] };
    case 'vaapi':
      return { pre: ['-vaapi_device', VAAPI_DEVICE], video: ['-vf', `${scale},format=nv12,hwupload`, '-c:v', 'h264_vaapi', ...rate] };
  }
}

function videoArgs(job: FfmpegJob): string[] {
  const { width, height, fps, bitrateKbps, keyframeSec, encoder } = job.video;
  if (encoder === 'copy') return ['-c:v', 'copy'];
  if (encoder !== 'x264') return hardwareVideoArgs(encoder, job.video).video;
  // A fixed GOP: keyframes every keyframeSec whatever the input does, so HLS fragments are
  // cut on time (nginx-rtmp cuts only on keyframes). `fps` filter makes the variable-rate
  // canvas capture constant-rate; it works on the old bundled ffmpeg too (no -fps_mode).
  const gop = String(Math.max(1, Math.round(fps * keyframeSec)));
  return [
    '-vf', `fps=${fps},scale=${width}:${height}:flags=bilinear,format=yuv420p`,
    '-c:v', 'libx264', '-preset', job.x264Preset, '-tune', 'zerolatency',
    '-profile:v', 'high', '-b:v', `${bitrateKbps}k`, '-maxrate', `${bitrateKbps}k`,
    '-bufsize', `${bitrateKbps * 2}k`, '-g', gop, '-keyint_min', gop, '-sc_threshold', '0',
  ];
}

function outputArgs(job: FfmpegJob): string[] {
  if (!job.recordPath) return ['-f', 'flv', '-flvflags', 'no_duration_filesize', job.url];
  // tee: one encode, two outputs; a failing recording must not end the broadcast.
  const esc = (s: string) => s.replace(/([\\|[\]:])/g, '\\$1');
  return [
    // Matroska wants the H.264/AAC headers as codec private data; without a global header the
    // recording slave fails at its header while FLV carries on (so nothing would be recorded).
    '-flags', '+global_header',
    '-f', 'tee',
    `[f=flv:flvflags=no_duration_filesize:onfail=abort]${esc(job.url)}|[f=matroska:onfail=ignore]${esc(job.recordPath)}`,
  ];
}

/** Build the ffmpeg argument list for one run. Progress goes to stdout, diagnostics to stderr. */
export function buildFfmpegArgs(job: FfmpegJob): string[] {
  return [
    '-hide_banner', '-nostats', '-loglevel', 'warning', '-progress', 'pipe:1',
    ...(job.video.encoder === 'vaapi' ? hardwareVideoArgs('vaapi', job.video).pre : []),
    ...inputArgs(job),
    ...videoArgs(job),
    '-c:a', 'aac', '-b:a', `${job.audio.bitrateKbps}k`, '-ar', '48000', '-ac', '2',
    // Give up on a silent server instead of hanging in "connecting" (microseconds).
    '-rw_timeout', '10000000',
    ...outputArgs(job),
  ];
}

/** The recording of a reconnected run goes to its own file: `show.mkv`, then `show-part2.mkv`, … */
export const recordPathFor = (epoch: number, path?: string) =>
  !path || epoch <= 1 ? path : path.replace(/(\.[^./\\]*)?$/, (ext) => `-part${epoch}${ext}`);
