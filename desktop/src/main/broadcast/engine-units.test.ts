import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';
import { classifyExit } from './exit-classifier.js';
import { buildFfmpegArgs, publishUrl } from './ffmpeg-args.js';
import { resolveFfmpeg } from './ffmpeg-path.js';
import { createProgressParser } from './progress-parser.js';
import { createStderrTail } from './stderr-tail.js';

describe('progress parser', () => {
  it('emits one health sample per block, across chunk boundaries', () => {
    const out: unknown[] = [];
    const p = createProgressParser((h, ended) => out.push({ ...h, ended }), () => 5);
    p.push('frame=30\nfps=29.97\nbitrate= 812.3kbits/s\ndrop_frames=2\ndup_');
    p.push('frames=1\nout_time_us=1000000\nspeed=1.01x\nprogress=continue\nframe=60\nbitrate=N/A\nprogress=end\n');
    expect(out).toEqual([
      { frame: 30, fps: 29.97, bitrateKbps: 812.3, speed: 1.01, dropFrames: 2, dupFrames: 1, outTimeMs: 1000, at: 5, ended: false },
      { frame: 60, fps: 0, bitrateKbps: 0, speed: 0, dropFrames: 0, dupFrames: 0, outTimeMs: 0, at: 5, ended: true },
    ]);
  });
});

describe('backoff', () => {
  it('doubles from 0.5 s and caps at 4 s', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 9].map((a) => backoffDelay(a, undefined, mid))).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
  });
  it('stays within ±20 % jitter', () => {
    expect(backoffDelay(1, undefined, () => 0)).toBe(400);
    expect(backoffDelay(1, undefined, () => 0.999999)).toBe(600);
  });
});

describe('exit classifier', () => {
  it('reads an I/O error at connect as a refused key', () => {
    expect(classifyExit(1, 'rtmp://127.0.0.1:1935/live/***: Input/output error', false).code).toBe('BROADCAST_KEY_REFUSED');
  });
  it('reads a refused TCP connect as a connection failure', () => {
    const tail = '[tcp] Connection to tcp://127.0.0.1:1 failed: Connection refused\nrtmp://x: Connection refused';
    expect(classifyExit(1, tail, false).code).toBe('BROADCAST_CONNECT_FAILED');
  });
  it('reads any exit after going live as a lost connection', () => {
    expect(classifyExit(1, 'Input/output error', true).code).toBe('BROADCAST_CONNECT_FAILED');
  });
  it('reads other failures as ffmpeg failures', () => {
    expect(classifyExit(1, 'Unknown encoder libx265', false).code).toBe('BROADCAST_FFMPEG_FAILED');
  });
});

describe('ffmpeg arguments', () => {
  const job = {
    url: publishUrl('rtmp://h:1935/live/', 'k'),
    video: { width: 1280, height: 720, fps: 30, bitrateKbps: 2500, keyframeSec: 1, encoder: 'x264' as const },
    audio: { bitrateKbps: 128 },
    input: { kind: 'stream' as const, container: 'webm' as const },
    x264Preset: 'veryfast' as const,
  };
  it('forces a fixed GOP of fps × keyframeSec with no scene-cut keyframes', () => {
    const args = buildFfmpegArgs(job).join(' ');
    expect(args).toContain('-g 30 -keyint_min 30 -sc_threshold 0');
    expect(args).toContain('-tune zerolatency');
    expect(args).toMatch(/-f flv .* rtmp:\/\/h:1935\/live\/k$/);
  });
  it('copies video when asked and tees into a recording', () => {
    const args = buildFfmpegArgs({ ...job, video: { ...job.video, encoder: 'copy' }, recordPath: '/r/a.mkv' });
    expect(args.join(' ')).toContain('-c:v copy');
    // Without it the Matroska slave fails at its header and nothing is recorded.
    expect(args.join(' ')).toContain('-flags +global_header -f tee');
    expect(args.at(-1)).toBe('[f=flv:flvflags=no_duration_filesize:onfail=abort]rtmp\\://h\\:1935/live/k|[f=matroska:onfail=ignore]/r/a.mkv');
  });
});

describe('ffmpeg path', () => {
  it('prefers a configured path, and does not fall back when it is wrong', () => {
    expect(resolveFfmpeg({ configured: '/usr/bin/ffmpeg', envPath: '' })).toEqual({ path: '/usr/bin/ffmpeg', source: 'configured' });
    expect(resolveFfmpeg({ configured: '/nope/ffmpeg', envPath: '/usr/bin' })).toBeNull();
  });
  it('then the system ffmpeg, then the bundled one', () => {
    expect(resolveFfmpeg({ envPath: '/nope:/usr/bin', bundled: () => '/b' })).toEqual({ path: '/usr/bin/ffmpeg', source: 'system' });
    expect(resolveFfmpeg({ envPath: '/nope', bundled: () => '/b/ffmpeg' })).toEqual({ path: '/b/ffmpeg', source: 'bundled' });
    expect(resolveFfmpeg({ envPath: '/nope', bundled: () => null })).toBeNull();
  });
});

describe('stderr tail', () => {
  it('masks the stream key and keeps the last lines', () => {
    const t = createStderrTail(2);
    t.setSecrets(['sk_secret']);
    t.push('a\nb\nrtmp://h/live/sk_secret: Input/output error\n');
    expect(t.text()).toBe('b\nrtmp://h/live/***: Input/output error');
  });
});
