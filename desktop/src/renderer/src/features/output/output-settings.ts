import { OUTPUT_PRESETS, type BroadcastStartArgs, type Settings } from '@lait/shared';
import type { SendSettings } from '../broadcast/use-broadcast';

/** Output size of the current preset. */
export function outputSize(settings: Settings): { width: number; height: number } {
  return OUTPUT_PRESETS[settings.preset];
}

/**
 * The `broadcast:start` arguments for the settings. With `copy` ffmpeg passes the app's own
 * H.264 (WebCodecs, keyframes forced every `keyframeSec`) through; with `x264` it re-encodes
 * with a fixed GOP (docs/desktop.md).
 */
export function startArgs(settings: Settings, streamKey: string): BroadcastStartArgs {
  const { width, height } = outputSize(settings);
  return {
    target: settings.mode === 'account' ? { kind: 'account' } : { kind: 'custom', rtmpUrl: settings.rtmpUrl, streamKey },
    record: settings.record,
    video: { width, height, fps: settings.fps, bitrateKbps: settings.videoBitrateKbps, keyframeSec: settings.keyframeSec, encoder: settings.encoder },
    audio: { bitrateKbps: settings.audioBitrateKbps },
    input: { kind: 'stream', container: 'matroska' },
  };
}

/**
 * The app encoder's settings matching {@link startArgs}. When ffmpeg re-encodes, the app's encode
 * gets twice the target bitrate so the intermediate encode costs little quality.
 */
export function senderOptions(settings: Settings): SendSettings {
  return {
    videoBitsPerSecond: settings.videoBitrateKbps * (settings.encoder === 'copy' ? 1000 : 2000),
    audioBitsPerSecond: Math.max(settings.audioBitrateKbps, 96) * 1000,
    keyframeSec: settings.keyframeSec,
  };
}
