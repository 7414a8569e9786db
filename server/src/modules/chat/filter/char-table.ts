import { CHO_BASE, JONG_BASE, JUNG_BASE, LATIN_BASE } from './jamo.js';

/** What the normaliser does with one UTF-16 code unit. */
export const enum CharClass {
  /** Symbols, emoji halves, zero-width and filler characters, other scripts: skipped. */
  Ignore = 0,
  /** Skipped, but remembered: a match across it must start at a word start. */
  Space = 1,
  Syllable = 2,
  CompatConsonant = 3,
  CompatVowel = 4,
  /** Latin letters (any width, common accents and Cyrillic look-alikes) and conjoining jamo. */
  Direct = 5,
  /** Digits and symbols read as letters only next to Latin letters (sh1t, a$$). */
  Leet = 6,
  Star = 7,
}

export interface CharTable {
  readonly classOf: Uint8Array;
  /** Direct: alphabet code; Leet: Latin code; CompatConsonant: index 0..29; CompatVowel: jung code. */
  readonly codeOf: Uint8Array;
}

const SPACES = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000];
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };
const CYRILLIC: Record<string, string> = { а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', к: 'k', м: 'm', т: 't', в: 'b', н: 'h' };

/** Built once per process and never written after: lookups must be a single array read. */
export const CHAR_TABLE: CharTable = buildCharTable();

function buildCharTable(): CharTable {
  const classOf = new Uint8Array(0x10000);
  const codeOf = new Uint8Array(0x10000);
  const setDirect = (unit: number, code: number): void => {
    classOf[unit] = CharClass.Direct;
    codeOf[unit] = code;
  };
  for (const unit of SPACES) classOf[unit] = CharClass.Space;
  for (let unit = 0x2000; unit <= 0x200a; unit++) classOf[unit] = CharClass.Space;
  for (let i = 0; i < 26; i++) {
    for (const base of [0x41, 0x61, 0xff21, 0xff41]) setDirect(base + i, LATIN_BASE + i);
  }
  for (let unit = 0xc0; unit <= 0x24f; unit++) {
    const base = String.fromCharCode(unit).normalize('NFD').toLowerCase().charCodeAt(0);
    if (base >= 0x61 && base <= 0x7a) setDirect(unit, LATIN_BASE + base - 0x61);
  }
  for (const [letter, latin] of Object.entries(CYRILLIC)) {
    for (const form of [letter, letter.toUpperCase()]) setDirect(form.charCodeAt(0), LATIN_BASE + latin.charCodeAt(0) - 0x61);
  }
  for (const [symbol, latin] of Object.entries(LEET)) {
    const unit = symbol.charCodeAt(0);
    for (const form of [unit, unit + 0xfee0]) {
      classOf[form] = CharClass.Leet;
      codeOf[form] = LATIN_BASE + latin.charCodeAt(0) - 0x61;
    }
  }
  classOf[0x2a] = CharClass.Star;
  classOf[0xff0a] = CharClass.Star;
  for (let unit = 0xac00; unit <= 0xd7a3; unit++) classOf[unit] = CharClass.Syllable;
  for (let i = 0; i < 30; i++) {
    classOf[0x3131 + i] = CharClass.CompatConsonant;
    codeOf[0x3131 + i] = i;
  }
  for (let i = 0; i < 21; i++) {
    classOf[0x314f + i] = CharClass.CompatVowel;
    codeOf[0x314f + i] = JUNG_BASE + i;
    setDirect(0x1161 + i, JUNG_BASE + i);
  }
  for (let i = 0; i < 19; i++) setDirect(0x1100 + i, CHO_BASE + i);
  for (let i = 0; i < 27; i++) setDirect(0x11a8 + i, JONG_BASE + 1 + i);
  // U+115F/U+1160 (conjoining fillers), U+3164 (Hangul filler), U+200B..U+200D, U+2060, U+FEFF
  // and surrogates stay Ignore: they are skipped and do not count as a space.
  return { classOf, codeOf };
}

export function isLatinLetter(unit: number): boolean {
  return CHAR_TABLE.classOf[unit] === CharClass.Direct && (CHAR_TABLE.codeOf[unit] ?? 0) >= LATIN_BASE;
}

/** Letters of any script the filter reads: used to tell whether a match starts inside a word. */
export function isLetter(unit: number): boolean {
  const cls = CHAR_TABLE.classOf[unit] ?? CharClass.Ignore;
  return cls >= CharClass.Syllable && cls <= CharClass.Direct;
}

