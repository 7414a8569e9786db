/**
 * The viewer's quality choice: hls.js's ABR, the source, or a rung by its height. A height rather
 * than a level index, because indices differ between streams (a 720p source has no 720p rung).
 */
export type QualityChoice = { kind: 'auto' } | { kind: 'source' } | { kind: 'height'; height: number };

export const AUTO: QualityChoice = { kind: 'auto' };

/** One entry of hls.js's level list, as the menu shows it. */
export interface QualityLevel {
  /** hls.js's level index. */
  index: number;
  height: number;
  bitrate: number;
  /** The source rendition (first in the master playlist); the rest are transcoded rungs. */
  source: boolean;
}

const CHOICE_KEY = 'lait.player.quality';

/** The menu's entries, best first: the source, then each rung by height (Auto is added by the menu). */
export function menuLevels(levels: readonly QualityLevel[]): QualityLevel[] {
  return [...levels].sort((a, b) => Number(b.source) - Number(a.source) || b.height - a.height || b.bitrate - a.bitrate);
}

/**
 * The level a choice plays on this stream, or -1 for hls.js's ABR. A remembered height this stream
 * lacks falls to the tallest rung below it (a 720p choice on a 480p source plays the source).
 */
export function resolveChoice(choice: QualityChoice, levels: readonly QualityLevel[]): number {
  if (choice.kind === 'auto' || levels.length < 2) return -1;
  if (choice.kind === 'source') return levels.find((l) => l.source)?.index ?? -1;
  const fitting = levels.filter((l) => l.height <= choice.height).sort((a, b) => b.height - a.height || Number(b.source) - Number(a.source));
  const best = fitting[0] ?? [...levels].sort((a, b) => a.height - b.height)[0];
  return best?.index ?? -1;
}

/** The choice that selecting `level` in the menu stands for. */
export function choiceOf(level: QualityLevel): QualityChoice {
  return level.source ? { kind: 'source' } : { kind: 'height', height: level.height };
}

export function isSameChoice(a: QualityChoice, b: QualityChoice): boolean {
  return a.kind === b.kind && (a.kind !== 'height' || (b.kind === 'height' && a.height === b.height));
}

/** The viewer's last choice in this browser; Auto when none or unreadable. */
export function readStoredChoice(storage: Storage | null): QualityChoice {
  try {
    const raw = storage?.getItem(CHOICE_KEY) ?? '';
    if (raw === 'source') return { kind: 'source' };
    const height = /^(\d{3,4})p$/.exec(raw)?.[1];
    return height ? { kind: 'height', height: Number(height) } : AUTO;
  } catch {
    return AUTO;
  }
}

export function storeChoice(storage: Storage | null, choice: QualityChoice): void {
  const value = choice.kind === 'height' ? `${choice.height}p` : choice.kind;
  try {
    storage?.setItem(CHOICE_KEY, value);
  } catch {
    // Private mode or a full quota: the choice lasts for this page only.
  }
}
