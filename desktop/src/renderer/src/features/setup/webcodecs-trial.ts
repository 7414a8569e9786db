import { OUTPUT_PRESETS, recommendOutput, SETUP_BITRATE_KBPS, SETUP_MIN_SPEED, type EncodeSample, type OutputPreset, type SetupResult } from '@lait/shared';
import { pickVideoCodec, videoEncoderConfig } from '../pipeline/video-codec';

/**
 * Encode `frames` moving frames at `preset` with the app's own encoder (WebCodecs H.264, as
 * the broadcast uses it, hardware where Chromium has it) as fast as it goes, composing each on a
 * canvas first like the pipeline's slowest path. Speed 1 = exactly real time.
 */
export async function measureWebCodecs(preset: OutputPreset, fps = 30, frames = 60): Promise<EncodeSample> {
  const { width, height } = OUTPUT_PRESETS[preset];
  const bitrate = SETUP_BITRATE_KBPS[preset] * 1000;
  const picked = await pickVideoCodec(width, height, fps, bitrate);
  if (!picked) return { preset, fps, speed: 0, cpuPerSec: 0 };
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) return { preset, fps, speed: 0, cpuPerSec: 0 };
  let failed = false;
  const encoder = new VideoEncoder({ output: () => {}, error: () => void (failed = true) });
  encoder.configure(videoEncoderConfig(picked.codec, width, height, fps, bitrate, picked.constant));
  const started = performance.now();
  for (let i = 0; i < frames && !failed; i++) {
    // Moving, detailed content: a static picture would encode unrealistically fast.
    ctx.fillStyle = `hsl(${(i * 7) % 360} 50% 30%)`;
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#fff';
    ctx.font = `${Math.round(height / 12)}px sans-serif`;
    for (let row = 0; row < 8; row++) ctx.fillText(`라잇 Lait ${i} · ${row}`, (i * 13 + row * 37) % width, (row + 1) * (height / 9));
    const frame = new VideoFrame(canvas, { timestamp: Math.round((i * 1e6) / fps) });
    encoder.encode(frame, { keyFrame: i % fps === 0 });
    frame.close();
    while (encoder.encodeQueueSize > 4) await new Promise((r) => encoder.addEventListener('dequeue', r, { once: true }));
  }
  await encoder.flush().catch(() => void (failed = true));
  encoder.close();
  if (failed) return { preset, fps, speed: 0, cpuPerSec: 0 };
  const wallSec = (performance.now() - started) / 1000;
  const round = (n: number) => Math.round(n * 100) / 100;
  // Wall time per second of video: the share of one core (or of the hardware encoder) it keeps busy.
  return { preset, fps, speed: round(frames / fps / wallSec), cpuPerSec: round(wallSec / (frames / fps)) };
}

/** Largest size first, stopping at the first that keeps up with headroom (smaller ones would too). */
export async function runWebCodecsSetup(): Promise<SetupResult> {
  const samples: EncodeSample[] = [];
  for (const preset of ['1080p', '720p', '480p'] as const) {
    const sample = await measureWebCodecs(preset);
    samples.push(sample);
    if (sample.speed >= SETUP_MIN_SPEED) break;
  }
  return { samples, recommended: recommendOutput(samples) ?? { preset: '360p', fps: 30, videoBitrateKbps: SETUP_BITRATE_KBPS['360p'] } };
}
