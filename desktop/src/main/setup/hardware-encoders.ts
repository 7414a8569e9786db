import { execFile } from 'node:child_process';
import type { HardwareEncoder } from '@lait/shared';
import { hardwareVideoArgs } from '../broadcast/ffmpeg-args.js';

/** ffmpeg's encoder name for each hardware encoder Lait drives. */
export const HARDWARE_ENCODER_NAMES: Record<HardwareEncoder, string> = {
  nvenc: 'h264_nvenc',
  qsv: 'h264_qsv',
  amf: 'h264_amf',
  videotoolbox: 'h264_videotoolbox',
  vaapi: 'h264_vaapi',
};

const run = (file: string, args: string[], timeout: number) =>
  new Promise<{ ok: boolean; stdout: string }>((resolve) => {
    execFile(file, args, { timeout, windowsHide: true, maxBuffer: 4 << 20 }, (err, stdout) => resolve({ ok: !err, stdout: String(stdout) }));
  });

/**
 * The encoder names in `ffmpeg -encoders` output: the word after the six capability flags
 * (` V....D h264_nvenc  NVIDIA NVENC H.264 encoder`), not words in a description.
 */
export function listedEncoders(stdout: string): Set<string> {
  const names = new Set<string>();
  for (const line of stdout.split('\n')) {
    const name = /^\s*[VAS][A-Z.]{5}\s+(\S+)/.exec(line)?.[1];
    if (name && name !== '=') names.add(name);
  }
  return names;
}

/**
 * The hardware encoders this ffmpeg has AND this machine can run: builds list encoders whose
 * driver or device is absent (Debian's ffmpeg lists h264_nvenc everywhere), so each listed one
 * must encode a short test clip with the same arguments a broadcast would use.
 */
export async function probeHardwareEncoders(ffmpegPath: string): Promise<HardwareEncoder[]> {
  const listed = await run(ffmpegPath, ['-hide_banner', '-encoders'], 10_000);
  if (!listed.ok) return [];
  const names = listedEncoders(listed.stdout);
  const candidates = (Object.keys(HARDWARE_ENCODER_NAMES) as HardwareEncoder[]).filter((hw) => names.has(HARDWARE_ENCODER_NAMES[hw]));
  const working: HardwareEncoder[] = [];
  // One at a time: two trials on one GPU can fail each other.
  for (const hw of candidates) {
    const { pre, video } = hardwareVideoArgs(hw, { width: 640, height: 360, fps: 30, bitrateKbps: 1000, keyframeSec: 1 });
    const trial = await run(ffmpegPath, [
      '-hide_banner', '-nostdin', '-loglevel', 'error', ...pre,
      '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-t', '0.5', ...video, '-f', 'null', '-',
    ], 15_000);
    if (trial.ok) working.push(hw);
  }
  return working;
}
