import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { onTestFinished } from 'vitest';
import { listProcesses } from '../procfs.js';

const run = promisify(execFile);

export interface ObsLikeOptions {
  width: number;
  height: number;
  fps: number;
  /** Keyframe interval in seconds (OBS: 1-2 s). */
  keyframeSec: number;
  seconds?: number;
}

/** x264 with B-frames (ultrafast keeps it cheap) and AAC at 48 kHz stereo, as OBS sends. */
export function publishObsLike(url: string, o: ObsLikeOptions) {
  const gop = String(o.fps * o.keyframeSec);
  const child = spawn('/usr/bin/ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-re',
    '-f', 'lavfi', '-i', `testsrc=size=${o.width}x${o.height}:rate=${o.fps}`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', String(o.seconds ?? 60),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-bf', '2', '-pix_fmt', 'yuv420p', '-g', gop, '-keyint_min', gop, '-sc_threshold', '0',
    '-c:a', 'aac', '-ac', '2', '-ar', '48000', '-b:a', '128k',
    '-f', 'flv', url,
  ], { stdio: 'ignore' });
  const exited = once(child, 'exit');
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };
  onTestFinished(stop);
  return { child, stop };
}

export interface Packet {
  kind: 'video' | 'audio';
  pts: number;
  duration: number;
  key: boolean;
}

export async function packetsOf(file: string): Promise<Packet[]> {
  const { stdout } = await run('/usr/bin/ffprobe', ['-v', 'error', '-show_entries', 'packet=codec_type,pts_time,duration_time,flags', '-of', 'csv=p=0', file]);
  return stdout.split('\n').flatMap((line) => {
    const [kind, pts, duration, flags] = line.trim().split(',');
    if (kind !== 'video' && kind !== 'audio') return [];
    return [{ kind, pts: Number(pts), duration: Number(duration) || 0, key: (flags ?? '').startsWith('K') }];
  });
}

export async function codecsOf(file: string): Promise<string[]> {
  const { stdout } = await run('/usr/bin/ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file]);
  // mpegts lists each stream twice (under its program too).
  return [...new Set(stdout.split('\n').map((l) => l.trim().replace(/,$/, '')).filter(Boolean))].sort();
}

/** Live ffmpeg processes whose command line reads `/hls/<name>` (the ladder's transcoders). */
export async function transcoderPids(name?: string): Promise<number[]> {
  const pids: number[] = [];
  for (const p of await listProcesses()) {
    if (p.comm !== 'ffmpeg' || p.state === 'Z') continue;
    const cmdline = (await readFile(`/proc/${p.pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
    const ppid = Number((await readFile(`/proc/${p.pid}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.split(' ')[1]);
    if (ppid !== process.pid) continue;
    if (cmdline.some((arg) => /^rtmp:\/\/127\.0\.0\.1:\d+\/hls\//.test(arg) && (name === undefined || arg.endsWith(`/${name}`)))) pids.push(p.pid);
  }
  return pids;
}

/** The variants of a master playlist: attributes and URI. */
export function parseMaster(text: string): Array<{ uri: string; attributes: Record<string, string> }> {
  const lines = text.split('\n');
  return lines.flatMap((line, i) => {
    if (!line.startsWith('#EXT-X-STREAM-INF:')) return [];
    const attributes: Record<string, string> = {};
    for (const match of line.slice(18).matchAll(/([A-Z-]+)=("[^"]*"|[^,]*)/g)) attributes[match[1]!] = match[2]!.replace(/^"|"$/g, '');
    return [{ uri: lines[i + 1]!.trim(), attributes }];
  });
}
