import { CHAR_TABLE, CharClass } from './char-table.js';
import { CHO_BASE, CHO_IEUNG, COMPAT_CONSONANT_TABLE, JONG_BASE, JUNG_BASE, LATIN_BASE, STAR } from './jamo.js';

/** Set in `orig[k]` when whitespace came between code k-1 and code k. */
export const GAP_BIT = 0x80000000;
export const ORIG_MASK = 0x7fffffff;

/** Codes that collapse when repeated: vowels (시이이발, ㅣㅣ) and Latin letters (fuuuck). */
const COLLAPSIBLE = new Uint8Array(96);
for (let code = JUNG_BASE; code < JUNG_BASE + 21; code++) COLLAPSIBLE[code] = 1;
for (let code = LATIN_BASE; code <= STAR; code++) COLLAPSIBLE[code] = 1;

/**
 * Turns chat text into a sequence of alphabet codes (jamo by position, Latin letters),
 * keeping for each code the index of the original code unit it came from.
 * Owns growable buffers so `check()` allocates nothing per message; not re-entrant.
 */
export class Normalizer {
  codes = new Uint8Array(256);
  /** Original code-unit index of each code, with GAP_BIT. */
  orig = new Uint32Array(256);
  /** Original index just past the last character folded into each code. */
  ends = new Uint32Array(256);
  /** How many source characters collapsed into each code (capped at 255). */
  runs = new Uint8Array(256);

  private n = 0;
  private last = 0;
  private gap = 0;

  normalize(text: string): number {
    const length = text.length;
    if (this.codes.length < length * 3 + 3) this.grow(length * 3 + 3);
    const { classOf, codeOf } = CHAR_TABLE;
    this.n = 0;
    this.last = 0;
    this.gap = 0;
    let prevClass: number = CharClass.Ignore;
    /** The class of the last character that was not skipped. */
    let prevSeen: number = CharClass.Ignore;
    for (let i = 0; i < length; i++) {
      const unit = text.charCodeAt(i);
      const cls = classOf[unit] ?? CharClass.Ignore;
      if ((cls === CharClass.CompatVowel || isStroke(unit)) && this.isFiller(prevSeen, text, i + 1)) {
        // 씨ㅡ발, 병ㅣ신, 시l발: a lone vowel or stroke between two syllables is padding.
        continue;
      }
      if (cls === CharClass.Direct) {
        this.emit(codeOf[unit] ?? 0, i);
      } else if (cls === CharClass.Syllable) {
        const s = unit - 0xac00;
        const jung = JUNG_BASE + (((s % 588) / 28) | 0);
        const cho = CHO_BASE + ((s / 588) | 0);
        // 시이발, 조온나: a silent ㅇ repeating the previous vowel only stretches it.
        if (cho !== CHO_IEUNG || this.last !== jung) this.emit(cho, i);
        this.emit(jung, i);
        const jong = s % 28;
        if (jong !== 0) this.emit(JONG_BASE + jong, i);
      } else if (cls === CharClass.Space) {
        if (this.n > 0) this.gap = GAP_BIT;
      } else if (cls === CharClass.CompatConsonant) {
        this.emitCompatConsonant(text, i, prevClass, codeOf[unit] ?? 0);
      } else if (cls === CharClass.CompatVowel) {
        this.emit(codeOf[unit] ?? 0, i);
      } else if (cls !== CharClass.Ignore && isLatinContext(this.last, this.gap, text, i + 1)) {
        this.emit(cls === CharClass.Star ? STAR : (codeOf[unit] ?? 0), i);
      }
      prevClass = cls;
      if (cls !== CharClass.Ignore) prevSeen = cls;
    }
    return this.n;
  }

  /** Between a syllable and the next one, with nothing but skipped characters and fillers around. */
  private isFiller(prevSeen: number, text: string, next: number): boolean {
    if (prevSeen !== CharClass.Syllable || this.gap !== 0) return false;
    for (let k = next; k < text.length; k++) {
      const unit = text.charCodeAt(k);
      const cls = CHAR_TABLE.classOf[unit] ?? CharClass.Ignore;
      if (cls === CharClass.Syllable) return true;
      if (cls !== CharClass.Ignore && cls !== CharClass.CompatVowel && !isStroke(unit)) return false;
    }
    return false;
  }

  private emit(code: number, index: number): void {
    const n = this.n;
    if (code === this.last && COLLAPSIBLE[code] === 1) {
      const run = this.runs[n - 1] ?? 255;
      if (run < 255) this.runs[n - 1] = run + 1;
      this.ends[n - 1] = index + 1;
      return;
    }
    this.codes[n] = code;
    this.orig[n] = index | this.gap;
    this.ends[n] = index + 1;
    this.runs[n] = 1;
    this.n = n + 1;
    this.last = code;
    this.gap = 0;
  }

  /** ㅅㅂ stays as initials; ㅅㅣㅂㅏㄹ's final ㄹ closes the spelled-out syllable. */
  private emitCompatConsonant(text: string, i: number, prevClass: number, index: number): void {
    const entry = COMPAT_CONSONANT_TABLE[index];
    if (entry === undefined) return;
    const nextClass = CHAR_TABLE.classOf[text.charCodeAt(i + 1)] ?? CharClass.Ignore;
    if (nextClass !== CharClass.CompatVowel && prevClass === CharClass.CompatVowel && entry.jong !== 0) {
      this.emit(entry.jong, i);
      return;
    }
    for (const cho of entry.cho) this.emit(cho, i);
  }

  private grow(size: number): void {
    this.codes = new Uint8Array(size);
    this.orig = new Uint32Array(size);
    this.ends = new Uint32Array(size);
    this.runs = new Uint8Array(size);
  }
}

/** Latin letters that look like the vowel stroke ㅣ. */
function isStroke(unit: number): boolean {
  return unit === 0x6c || unit === 0x49;
}

function isLatinContext(last: number, gap: number, text: string, next: number): boolean {
  if (gap === 0 && last >= LATIN_BASE) return true;
  const unit = text.charCodeAt(next);
  return CHAR_TABLE.classOf[unit] === CharClass.Direct && (CHAR_TABLE.codeOf[unit] ?? 0) >= LATIN_BASE;
}

