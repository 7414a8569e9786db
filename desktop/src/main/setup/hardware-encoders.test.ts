import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildFfmpegArgs, hardwareVideoArgs } from '../broadcast/ffmpeg-args.js';
import { resolveFfmpeg } from '../broadcast/ffmpeg-path.js';
import { listedEncoders, probeHardwareEncoders } from './hardware-encoders.js';

const execFileAsync = promisify(execFile);

const LISTING = ' V....D libx264              H.264\\n V....D h264_nvenc           NVIDIA NVENC\\n V....D h264_qsv             Intel QSV\\n V....D h264_vaapi           VAAPI\\n';

/**
 * An "ffmpeg" that prints `list` for `-encoders` (or fails when null), lets trial encodes of the
 * encoders in `works` succeed and fails the others as a missing driver does; it logs every call.
 */
function fakeFfmpeg(o: { list: string | null; works: string[] }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lait-hw-'));
  const file = path.join(dir, 'ffmpeg');
  const log = path.join(dir, 'calls');
  const works = o.works.map((hw) => `*h264_${hw}\\ *) exit 0;;`).join('\n  ');
  writeFileSync(file, `#!/bin/sh
printf '%s\\n' "$*" >> '${log}'
case "$*" in
  *-encoders*) ${o.list === null ? 'echo "broken build" >&2; exit 1' : `printf '${o.list}'; exit 0`};;
  ${works}
  *) echo "Cannot load driver" >&2; exit 1;;
esac
`);
  chmodSync(file, 0o755);
  return { file, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((line) => line.split(' ')) : []) };
}

describe('hardware encoders', () => {
  it('offers only listed encoders that complete a trial encode', async () => {
    expect(await probeHardwareEncoders(fakeFfmpeg({ list: LISTING, works: ['nvenc'] }).file)).toEqual(['nvenc']);
  });

  it('offers nothing when ffmpeg cannot list its encoders, and never an encoder it did not list', async () => {
    expect(await probeHardwareEncoders(fakeFfmpeg({ list: null, works: ['nvenc', 'qsv'] }).file)).toEqual([]);
    // Listed under a longer name only (h264_nvenc_ext) or as text in a description: not the encoder itself.
    const odd = ' V....D h264_nvenc_ext       not ours\n V....D libx264              uses h264_qsv internally\n';
    expect(await probeHardwareEncoders(fakeFfmpeg({ list: odd, works: ['nvenc', 'qsv'] }).file)).toEqual([]);
  });

  it('drops a listed encoder whose trial encode fails, trying each with the arguments a broadcast uses', async () => {
    const fake = fakeFfmpeg({ list: LISTING, works: ['vaapi'] });
    expect(await probeHardwareEncoders(fake.file)).toEqual(['vaapi']);
    const trials = fake.calls().filter((args) => !args.includes('-encoders'));
    expect(trials.map((args) => args.find((a) => a.startsWith('h264_')))).toEqual(['h264_nvenc', 'h264_qsv', 'h264_vaapi']);
    const vaapi = trials[2]!;
    expect(vaapi.indexOf('-vaapi_device')).toBeGreaterThanOrEqual(0);
    expect(vaapi.indexOf('-vaapi_device')).toBeLessThan(vaapi.indexOf('-i'));
    expect(vaapi.slice(vaapi.indexOf('-f'), vaapi.indexOf('-f') + 2)).toEqual(['-f', 'lavfi']);
    expect(vaapi.slice(-3)).toEqual(['-f', 'null', '-']);
  });

  it("reads this machine's real ffmpeg listing in the format the probe parses", async () => {
    const ffmpeg = resolveFfmpeg({ envPath: process.env.PATH })?.path;
    if (!ffmpeg) throw new Error('ffmpeg not found on PATH: npm test installs it (apt-get install ffmpeg)');
    // The same `-encoders` call the probe makes, through the real binary, read by the probe's parser.
    const { stdout } = await execFileAsync(ffmpeg, ['-hide_banner', '-encoders']);
    expect(listedEncoders(stdout)).toContain('libx264');
  }, 60_000);

  it('drives each hardware encoder with a fixed GOP, constant bitrate and no B-frames', () => {
    const v = { width: 1280, height: 720, fps: 30, bitrateKbps: 2500, keyframeSec: 1 };
    for (const hw of ['nvenc', 'qsv', 'amf', 'videotoolbox', 'vaapi'] as const) {
      const { video } = hardwareVideoArgs(hw, v);
      expect(video.join(' ')).toContain(`-g 30`);
      expect(video.join(' ')).toContain('-bf 0');
      expect(video.join(' ')).toContain('-maxrate 2500k');
      expect(video.join(' ')).toContain('fps=30,scale=1280:720');
    }
    const vaapi = buildFfmpegArgs({
      url: 'rtmp://h/live/k', video: { ...v, encoder: 'vaapi' }, audio: { bitrateKbps: 128 },
      input: { kind: 'stream', container: 'matroska' }, x264Preset: 'veryfast',
    });
    // The VA-API device must be opened before the input.
    expect(vaapi.indexOf('-vaapi_device')).toBeLessThan(vaapi.indexOf('-i'));
    expect(vaapi).toContain('h264_vaapi');
  });
});
