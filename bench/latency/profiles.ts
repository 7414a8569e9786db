/**
 * How the bench's publisher encodes: what OBS sends with its x264 encoder, in two settings.
 *
 * Both are OBS's x264 defaults (obs-x264: preset veryfast, CBR with VBV buffer = bitrate and
 * filler, default video bitrate 2500 kb/s, profile left to x264 = high) with OBS's default audio
 * (AAC 160 kb/s, 48 kHz stereo). They differ in the tune:
 * - `zerolatency`: Tune = zerolatency (no B-frames, no lookahead, sliced threads).
 * - `obs`: no tune, as OBS ships. x264 veryfast then keeps its own B-frames (3, adaptive) and
 *   rc-lookahead (10 frames) and frame threads: ~0.5 s more in the encoder.
 *
 * Keyframes: OBS's "Keyframe Interval 0 (auto)" leaves x264's default of 250 frames (8.3 s at
 * 30 fps) on a custom RTMP server; service presets (Twitch, YouTube) enforce 2 s. nginx-rtmp cuts
 * fragments only on keyframes, so Lait asks streamers for 1 s, and the bench measures 1 s by
 * default (`--keyint` measures others). A 250-frame GOP would give 8 s fragments on any server.
 */
export const PROFILES = ['zerolatency', 'obs'] as const;
export type PublisherProfile = (typeof PROFILES)[number];

export interface EncodeOptions {
  profile: PublisherProfile;
  fps: number;
  /** Keyframe interval in seconds. */
  keyintSec: number;
  /** Video bitrate, kb/s (OBS default 2500). */
  videoKbps?: number;
  /** false: video only, as the bench did before (no real stream looks like that). */
  audio?: boolean;
  /**
   * `pipe` (default): PCM written by the bench against the frames' clock, as a capture program does.
   * `lavfi`: ffmpeg's own `-re` sine, whose clock starts when ffmpeg starts, not with the frames:
   * only to show that artefact (clock-publisher.ts).
   */
  audioSource?: 'pipe' | 'lavfi';
}

export const AUDIO_RATE = 48_000;
export const AUDIO_CHANNELS = 2;

export function isProfile(value: string): value is PublisherProfile {
  return (PROFILES as readonly string[]).includes(value);
}

/** ffmpeg output options (after the inputs) for one profile. */
export function encodeArgs(opts: EncodeOptions): string[] {
  const kbps = opts.videoKbps ?? 2500;
  const gop = String(Math.round(opts.fps * opts.keyintSec));
  const video = [
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p',
    ...(opts.profile === 'zerolatency' ? ['-tune', 'zerolatency'] : []),
    // OBS's CBR: ABR with maxrate = bufsize = bitrate and filler data.
    '-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps}k`, '-x264-params', 'filler=1',
    // OBS sets only keyint_max; min-keyint and scenecut stay x264's.
    '-g', gop,
  ];
  const audio = opts.audio === false
    ? ['-an']
    : ['-c:a', 'aac', '-b:a', '160k', '-ar', String(AUDIO_RATE), '-ac', String(AUDIO_CHANNELS)];
  return [...video, ...audio];
}

export function describeProfile(opts: EncodeOptions): string {
  const tune = opts.profile === 'zerolatency' ? 'tune zerolatency' : 'no tune (B-frames 3, lookahead 10)';
  const audio = opts.audio === false ? 'no audio' : `AAC 160 kb/s 48 kHz stereo${opts.audioSource === 'lavfi' ? ' from ffmpeg\'s -re lavfi sine (artefact)' : ''}`;
  return `x264 veryfast ${tune}, CBR ${opts.videoKbps ?? 2500} kb/s, ${opts.keyintSec} s keyframes, 720p${opts.fps}; ${audio}`;
}
