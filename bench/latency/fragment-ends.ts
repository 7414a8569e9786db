import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where each track of one HLS fragment starts and ends, in seconds of the stream's timeline. */
export interface FragmentSpan {
  videoStart: number;
  videoEnd: number;
  audioStart: number;
  audioEnd: number;
  /** audioEnd − videoEnd in ms: negative = the fragment's audio stops before its video. */
  endGapMs: number;
  /** Video frames that are B-frames (shows whether the publisher sends them). */
  bFrames: number;
  videoFrames: number;
}

/** Reads packet times with ffprobe: end = max(pts + duration) per track. */
export async function fragmentSpan(file: string, ffprobe = '/usr/bin/ffprobe'): Promise<FragmentSpan> {
  const { stdout } = await run(ffprobe, ['-v', 'error', '-show_entries', 'packet=codec_type,pts_time,duration_time', '-of', 'csv=p=0', file]);
  const span = { videoStart: Infinity, videoEnd: 0, audioStart: Infinity, audioEnd: 0 };
  for (const line of stdout.trim().split('\n')) {
    const [kind, pts, duration] = line.split(',');
    const start = Number(pts);
    const end = start + Number(duration);
    if (!Number.isFinite(end)) continue;
    if (kind === 'video') {
      span.videoStart = Math.min(span.videoStart, start);
      span.videoEnd = Math.max(span.videoEnd, end);
    } else if (kind === 'audio') {
      span.audioStart = Math.min(span.audioStart, start);
      span.audioEnd = Math.max(span.audioEnd, end);
    }
  }
  const frames = await run(ffprobe, ['-v', 'error', '-select_streams', 'v', '-show_entries', 'frame=pict_type', '-of', 'csv=p=0', file]);
  const types = frames.stdout.trim().split('\n');
  return {
    ...span,
    endGapMs: Math.round((span.audioEnd - span.videoEnd) * 1000),
    bFrames: types.filter((t) => t.startsWith('B')).length,
    videoFrames: types.length,
  };
}

/**
 * The tracks of the newest fragment in a live playlist, e.g. `h264 + aac 48000 Hz 2 ch`: shows
 * what a player of that path receives (the peer gets the same audio-bearing stream as Lait).
 */
export async function playlistTracks(playlistUrl: string, ffprobe = '/usr/bin/ffprobe'): Promise<string> {
  const text = await (await fetch(playlistUrl)).text();
  const last = text.split('\n').filter((l) => l.trim().endsWith('.ts')).at(-1);
  if (!last) throw new Error(`no fragment in ${playlistUrl}`);
  const { stdout } = await run(ffprobe, ['-v', 'error', '-show_entries', 'stream=codec_name,sample_rate,channels', '-of', 'csv=p=0', new URL(last.trim(), playlistUrl).href]);
  // MPEG-TS lists each stream under its program too: count each once.
  const tracks = new Set(stdout.split('\n').filter((l) => l.trim()).map((l) => {
    const [codec, rate, channels] = l.trim().split(',');
    // nginx-rtmp declares an AAC stream in every PMT; without audio it has no parameters.
    if (rate === '0') return `${codec} declared, empty`;
    return rate && rate !== 'N/A' ? `${codec} ${rate} Hz ${channels} ch` : codec;
  }));
  return [...tracks].join(' + ');
}
