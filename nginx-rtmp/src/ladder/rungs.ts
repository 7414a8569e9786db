import { LADDER_RUNG_NAMES, type LadderRungName } from '@lait/shared';

/**
 * What one rung of the ladder encodes. Bitrates sit between Apple's HLS authoring table (30 fps) and
 * what Twitch's transcodes send. The source's audio is copied into every rung (about 160 kb/s from OBS),
 * so the 360p rung is sized for a 1.2 Mb/s link: 500 kb/s of video comes to about 0.75 Mb/s on the wire
 * with the audio and MPEG-TS overhead (at 700 kb/s it was 1.05 Mb/s and stalled on such a link).
 */
export interface RungSpec {
  name: LadderRungName;
  height: number;
  /** Target video bitrate; the encoder's maxrate is 1.07× this, its buffer one second. */
  videoKbps: number;
}

export const RUNG_SPECS: Readonly<Record<LadderRungName, RungSpec>> = Object.freeze({
  '1080p': { name: '1080p', height: 1080, videoKbps: 4500 },
  '720p': { name: '720p', height: 720, videoKbps: 2500 },
  '480p': { name: '480p', height: 480, videoKbps: 1200 },
  '360p': { name: '360p', height: 360, videoKbps: 500 },
  '240p': { name: '240p', height: 240, videoKbps: 250 },
});

export const DEFAULT_LADDER: readonly LadderRungName[] = ['720p', '480p', '360p'];
/** Rungs never exceed this frame rate, whatever the source sends. */
export const MAX_RUNG_FPS = 30;

export function isRungName(value: string): value is LadderRungName {
  return (LADDER_RUNG_NAMES as readonly string[]).includes(value);
}

/** `LADDER`: `off`, or a comma list of rung names. Unknown names fail start-up with a clear message. */
export function parseLadderList(value: string | undefined): LadderRungName[] {
  if (value === undefined || value.trim() === '') return [...DEFAULT_LADDER];
  if (value.trim() === 'off') return [];
  const names = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
  for (const name of names) {
    if (!isRungName(name)) throw new Error(`LADDER: unknown rung ${name} (known: ${LADDER_RUNG_NAMES.join(', ')}, or off)`);
  }
  // Highest first, no duplicates: the order of the master playlist.
  return [...new Set(names as LadderRungName[])].sort((a, b) => RUNG_SPECS[b].height - RUNG_SPECS[a].height);
}

/** `LADDER_CAPACITY`: a whole number of streams, or unset (measured). */
export function parseCapacity(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const capacity = Number(value);
  if (!Number.isInteger(capacity) || capacity < 0) throw new Error(`LADDER_CAPACITY must be a whole number ≥ 0, got ${value}`);
  return capacity;
}

/** One rung as a given source makes it: only rungs strictly below the source's height. */
export interface RungPlan extends RungSpec {
  width: number;
  fps: number;
}

/** Width as ffmpeg's `scale=-2:<height>` computes it (nearest even width keeping the aspect). */
export function scaledWidth(sourceWidth: number, sourceHeight: number, height: number): number {
  return Math.round((height * sourceWidth) / (sourceHeight * 2)) * 2;
}

export function planRungs(names: readonly LadderRungName[], source: { width: number; height: number; fps: number }): RungPlan[] {
  if (source.width <= 0 || source.height <= 0) return [];
  return names
    .map((name) => RUNG_SPECS[name])
    .filter((spec) => spec.height < source.height)
    .map((spec) => ({
      ...spec,
      width: scaledWidth(source.width, source.height, spec.height),
      fps: source.fps > 0 ? Math.min(source.fps, MAX_RUNG_FPS) : MAX_RUNG_FPS,
    }));
}
