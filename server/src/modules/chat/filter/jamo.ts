/**
 * Hangul tables, kept here instead of pulling `es-hangul` into the hot path: the
 * normaliser needs per-code-unit lookups into typed arrays, not string-returning helpers.
 * @see https://www.unicode.org/versions/latest/ch03.pdf §3.12 (syllable composition)
 */

/** Normalised alphabet: 0 is unused, then choseong, jungseong, jongseong, a–z, and `*`. */
export const CHO_BASE = 1;
export const JUNG_BASE = 20;
export const JONG_BASE = 40; // jong index 1..27 → 41..67
export const LATIN_BASE = 68;
export const STAR = 94;
export const ALPHABET_SIZE = 95;

export const CHO_IEUNG = CHO_BASE + 11;

export const isJungCode = (code: number): boolean => code >= JUNG_BASE && code < JUNG_BASE + 21;
export const isLatinCode = (code: number): boolean => code >= LATIN_BASE && code <= STAR;

/** Compatibility consonants U+3131..U+314E in order; cho/jong index or -1. */
const COMPAT_CONSONANTS = 'ㄱㄲㄳㄴㄵㄶㄷㄸㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅃㅄㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const CHO_LETTERS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const JONG_LETTERS = ' ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ';
const JUNG_LETTERS = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';

export interface CompatConsonant {
  /** Choseong codes when the letter stands alone (clusters such as ㅄ split into two). */
  cho: readonly number[];
  /** Jongseong code when it closes a spelled-out syllable, or 0. */
  jong: number;
}

export const COMPAT_CONSONANT_TABLE: readonly CompatConsonant[] = [...COMPAT_CONSONANTS].map((letter) => {
  const cho = CHO_LETTERS.indexOf(letter);
  const jong = JONG_LETTERS.indexOf(letter);
  const parts = cho >= 0 ? [letter] : splitCluster(letter);
  return {
    cho: parts.map((part) => CHO_BASE + CHO_LETTERS.indexOf(part)),
    jong: jong > 0 ? JONG_BASE + jong : 0,
  };
});

function splitCluster(letter: string): string[] {
  const jong = JONG_LETTERS.indexOf(letter);
  const pairs: Record<string, string> = {
    ㄳ: 'ㄱㅅ', ㄵ: 'ㄴㅈ', ㄶ: 'ㄴㅎ', ㄺ: 'ㄹㄱ', ㄻ: 'ㄹㅁ', ㄼ: 'ㄹㅂ',
    ㄽ: 'ㄹㅅ', ㄾ: 'ㄹㅌ', ㄿ: 'ㄹㅍ', ㅀ: 'ㄹㅎ', ㅄ: 'ㅂㅅ',
  };
  if (jong < 0) throw new Error(`not a Hangul consonant: ${letter}`);
  return [...(pairs[letter] ?? letter)];
}

/** Two-set (dubeolsik) keyboard keys, lower-cased: shifted keys fold onto their base key. */
const CHO_KEYS = ['r', 'r', 's', 'e', 'e', 'f', 'a', 'q', 'q', 't', 't', 'd', 'w', 'w', 'c', 'z', 'x', 'v', 'g'];
const JUNG_KEYS = ['k', 'o', 'i', 'o', 'j', 'p', 'u', 'p', 'h', 'hk', 'ho', 'hl', 'y', 'n', 'nj', 'np', 'nl', 'b', 'm', 'ml', 'l'];
const JONG_KEYS = ['', 'r', 'r', 'rt', 's', 'sw', 'sg', 'e', 'f', 'fr', 'fa', 'fq', 'ft', 'fx', 'fv', 'fg', 'a', 'q', 'qt', 't', 't', 'd', 'w', 'c', 'z', 'x', 'v', 'g'];

/**
 * What a Korean word looks like when typed with the keyboard left in Latin mode
 * (시발 → tlqkf), or undefined when the word is not made only of complete syllables.
 */
export function toKeyboardKeys(word: string): string | undefined {
  let keys = '';
  for (const ch of word) {
    const s = ch.charCodeAt(0) - 0xac00;
    if (s < 0 || s >= 11172) return undefined;
    keys += `${CHO_KEYS[(s / 588) | 0]}${JUNG_KEYS[((s % 588) / 28) | 0]}${JONG_KEYS[s % 28]}`;
  }
  return keys;
}

export const JUNG_COUNT = JUNG_LETTERS.length;
