/**
 * H.264 Constrained Baseline (what OpenH264 and every hardware encoder offer) at the lowest
 * level that holds the format; levels cap macroblocks per second (H.264 Annex A, table A-1).
 */
export function avcCodecString(width: number, height: number, fps: number): string {
  const mbPerSec = Math.ceil(width / 16) * Math.ceil(height / 16) * fps;
  const levels: [number, number][] = [[40_500, 0x1e], [108_000, 0x1f], [216_000, 0x20], [245_760, 0x28], [522_240, 0x2a], [983_040, 0x33]];
  const level = levels.find(([max]) => mbPerSec <= max)?.[1] ?? 0x34;
  return `avc1.42e0${level.toString(16).padStart(2, '0')}`;
}

/**
 * The encoder config for the sending epoch. Constant bitrate when the encoder offers it: a live
 * upload wants steady bytes, not bursts on scene changes.
 */
export function videoEncoderConfig(codec: string, width: number, height: number, fps: number, bitrate: number, constant: boolean): VideoEncoderConfig {
  return {
    codec, width, height, bitrate, framerate: fps, latencyMode: 'realtime',
    bitrateMode: constant ? 'constant' : 'variable',
    avc: { format: 'avc' },
  };
}

/** Whether this Chromium can encode H.264 at this format (Electron and Chrome can; some builds cannot). */
export async function pickVideoCodec(width: number, height: number, fps: number, bitrate: number): Promise<{ codec: string; constant: boolean } | null> {
  if (typeof VideoEncoder === 'undefined') return null;
  const codec = avcCodecString(width, height, fps);
  for (const constant of [true, false]) {
    const { supported } = await VideoEncoder.isConfigSupported(videoEncoderConfig(codec, width, height, fps, bitrate, constant)).catch(() => ({ supported: false }));
    if (supported) return { codec, constant };
  }
  return null;
}
