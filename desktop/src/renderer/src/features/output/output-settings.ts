import { OUTPUT_PRESETS, type BroadcastStartArgs, type Settings } from '@lait/shared';

/** Output size of the current preset. */
export function outputSize(settings: Settings): { width: number; height: number } {
  return OUTPUT_PRESETS[settings.preset];
}

/**
 * The `broadcast:start` arguments for the settings. With `copy` ffmpeg passes MediaRecorder's
 * H.264 through (keyframes from `videoKeyFrameIntervalDuration`); with `x264` it re-encodes
 * with a fixed GOP (docs/desktop.md).
 */
export function startArgs(settings: Settings, streamKey: string): BroadcastStartArgs {
  const { width, height } = outputSize(settings);
  return {
    target: settings.mode === 'account' ? { kind: 'account' } : { kind: 'custom', rtmpUrl: settings.rtmpUrl, streamKey },
    record: settings.record,
    video: { width, height, fps: settings.fps, bitrateKbps: settings.videoBitrateKbps, keyframeSec: settings.keyframeSec, encoder: settings.encoder },
    audio: { bitrateKbps: settings.audioBitrateKbps },
    input: { kind: 'stream', container: 'webm' },
  };
}

/**
 * MediaRecorder settings matching {@link startArgs}. When ffmpeg re-encodes, the recorder gets
 * twice the target bitrate so the intermediate encode costs little quality.
 */
export function senderOptions(settings: Settings) {
  return {
    videoBitsPerSecond: settings.videoBitrateKbps * (settings.encoder === 'x264' ? 2000 : 1000),
    audioBitsPerSecond: Math.max(settings.audioBitrateKbps, 96) * 1000,
    keyframeSec: settings.keyframeSec,
  };
}
