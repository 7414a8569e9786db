import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFfmpegArgs, hardwareVideoArgs } from '../broadcast/ffmpeg-args.js';
import { resolveFfmpeg } from '../broadcast/ffmpeg-path.js';
import { probeHardwareEncoders } from './hardware-encoders.js';

/** An "ffmpeg" that lists NVENC, QSV and VA-API but can only really run NVENC (as on a machine with an NVIDIA card). */
function stubFfmpeg(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lait-hw-')), 'ffmpeg');
  writeFileSync(file, `#!/bin/sh
case "$*" in
  *-encoders*) printf ' V....D libx264              H.264\\n V....D h264_nvenc           NVIDIA NVENC\\n V....D h264_qsv             Intel QSV\\n V....D h264_vaapi           VAAPI\\n'; exit 0;;
  *h264_nvenc*) exit 0;;
  *) echo "Cannot load driver" >&2; exit 1;;
esac
`);
  chmodSync(file, 0o755);
  return file;
}

describe('hardware encoders', () => {
  it('offers only listed encoders that complete a trial encode', async () => {
    expect(await probeHardwareEncoders(stubFfmpeg())).toEqual(['nvenc']);
  });

  it("with this machine's real ffmpeg: whatever it offers really encodes (none without a GPU)", async () => {
    const ffmpeg = resolveFfmpeg({ envPath: process.env.PATH })?.path;
    if (!ffmpeg) throw new Error('ffmpeg not found on PATH: npm test installs it (apt-get install ffmpeg)');
    const found = await probeHardwareEncoders(ffmpeg);
    for (const hw of found) expect(['nvenc', 'qsv', 'amf', 'videotoolbox', 'vaapi']).toContain(hw);
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
