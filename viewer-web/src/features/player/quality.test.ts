import { describe, expect, it } from 'vitest';
import { AUTO, choiceOf, menuLevels, readStoredChoice, resolveChoice, storeChoice, type QualityLevel } from './quality';

const level = (index: number, height: number, source = false): QualityLevel => ({ index, height, bitrate: height * 4_000, source });
/** A 1080p source with 720p/480p/360p rungs, in hls.js's order. */
const LADDER = [level(0, 360), level(1, 480), level(2, 720), level(3, 1080, true)];
/** A 480p source: the ladder has only 360p below it. */
const SMALL = [level(0, 360), level(1, 480, true)];

describe('quality choice', () => {
  it('lists the source first, then the rungs from the tallest down', () => {
    expect(menuLevels(LADDER).map((l) => l.index)).toEqual([3, 2, 1, 0]);
  });

  it('resolves Auto to hls.js’s ABR, the source to the first variant, a height to its rung', () => {
    expect(resolveChoice(AUTO, LADDER)).toBe(-1);
    expect(resolveChoice({ kind: 'source' }, LADDER)).toBe(3);
    expect(resolveChoice({ kind: 'height', height: 480 }, LADDER)).toBe(1);
  });

  it('plays the tallest level below a remembered height this stream lacks, or its lowest', () => {
    expect(resolveChoice({ kind: 'height', height: 720 }, SMALL)).toBe(1);
    expect(resolveChoice({ kind: 'height', height: 240 }, SMALL)).toBe(0);
  });

  it('leaves a single-level stream to hls.js', () => {
    expect(resolveChoice({ kind: 'height', height: 360 }, [level(0, 720, true)])).toBe(-1);
  });

  it('remembers the choice as the source or a height, and falls back to Auto', () => {
    expect(readStoredChoice(localStorage)).toEqual(AUTO);
    storeChoice(localStorage, choiceOf(LADDER[1]!));
    expect(localStorage.getItem('lait.player.quality')).toBe('480p');
    expect(readStoredChoice(localStorage)).toEqual({ kind: 'height', height: 480 });
    storeChoice(localStorage, choiceOf(LADDER[3]!));
    expect(readStoredChoice(localStorage)).toEqual({ kind: 'source' });
    storeChoice(localStorage, AUTO);
    expect(readStoredChoice(localStorage)).toEqual(AUTO);
    localStorage.setItem('lait.player.quality', '<script>');
    expect(readStoredChoice(localStorage)).toEqual(AUTO);
  });
});
