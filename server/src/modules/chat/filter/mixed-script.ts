/**
 * Words spelt half in Hangul and half in Latin letters (시bal, 병tls, 개saekki): the Latin part
 * is read back as Hangul, once as romanisation and once as typed in Latin keyboard mode, and the
 * filter checks each reading. Only words that mix both scripts are rewritten, so plain English
 * and plain Korean never pay for it.
 */

/** Dubeolsik keyboard: the key pressed for each compatibility jamo, inverted. */
const KEYBOARD: Record<string, string> = {
  q: 'ㅂ', w: 'ㅈ', e: 'ㄷ', r: 'ㄱ', t: 'ㅅ', y: 'ㅛ', u: 'ㅕ', i: 'ㅑ', o: 'ㅐ', p: 'ㅔ',
  a: 'ㅁ', s: 'ㄴ', d: 'ㅇ', f: 'ㄹ', g: 'ㅎ', h: 'ㅗ', j: 'ㅓ', k: 'ㅏ', l: 'ㅣ',
  z: 'ㅋ', x: 'ㅌ', c: 'ㅊ', v: 'ㅍ', b: 'ㅠ', n: 'ㅜ', m: 'ㅡ',
  Q: 'ㅃ', W: 'ㅉ', E: 'ㄸ', R: 'ㄲ', T: 'ㅆ', O: 'ㅒ', P: 'ㅖ',
};

/**
 * Romanisation (Revised Romanisation plus the spellings chat uses: sh, ee, oo, c for 씨), longest
 * first. The normaliser decides whether a consonant opens or closes a syllable, as it does for
 * jamo spelt out (ㅅㅣㅂㅏㄹ), so one table serves initials and finals.
 */
const ROMAN: readonly (readonly [string, string])[] = [
  ['yae', 'ㅒ'], ['yeo', 'ㅕ'], ['wae', 'ㅙ'],
  ['kk', 'ㄲ'], ['gg', 'ㄲ'], ['tt', 'ㄸ'], ['dd', 'ㄸ'], ['pp', 'ㅃ'], ['bb', 'ㅃ'], ['ss', 'ㅆ'], ['jj', 'ㅉ'],
  ['ch', 'ㅊ'], ['sh', 'ㅅ'], ['ng', 'ㅇ'],
  ['ae', 'ㅐ'], ['ya', 'ㅑ'], ['eo', 'ㅓ'], ['ye', 'ㅖ'], ['wa', 'ㅘ'], ['oe', 'ㅚ'], ['yo', 'ㅛ'], ['wo', 'ㅝ'],
  ['we', 'ㅞ'], ['wi', 'ㅟ'], ['yu', 'ㅠ'], ['eu', 'ㅡ'], ['ui', 'ㅢ'], ['ee', 'ㅣ'], ['oo', 'ㅜ'],
  ['a', 'ㅏ'], ['e', 'ㅔ'], ['o', 'ㅗ'], ['u', 'ㅜ'], ['i', 'ㅣ'], ['y', 'ㅣ'],
  ['g', 'ㄱ'], ['k', 'ㄱ'], ['n', 'ㄴ'], ['d', 'ㄷ'], ['t', 'ㅌ'], ['r', 'ㄹ'], ['l', 'ㄹ'], ['m', 'ㅁ'],
  ['b', 'ㅂ'], ['p', 'ㅍ'], ['s', 'ㅅ'], ['j', 'ㅈ'], ['z', 'ㅈ'], ['c', 'ㅆ'], ['h', 'ㅎ'], ['f', 'ㅍ'], ['v', 'ㅂ'],
];
const VOWEL_JAMO = /[ㅏ-ㅣ]/;

/** A rewritten text and, for each of its code units, the index in the original it stands for. */
export interface Reading {
  text: string;
  origin: Uint32Array;
}

const isLatin = (unit: number): boolean => (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a);
const isHangul = (unit: number): boolean => (unit >= 0xac00 && unit <= 0xd7a3) || (unit >= 0x3131 && unit <= 0x318e);

/** True when some word holds both a Hangul and a Latin letter. */
export function hasMixedWord(text: string): boolean {
  let hangul = false;
  let latin = false;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (isHangul(unit)) hangul = true;
    else if (isLatin(unit)) latin = true;
    else if (unit <= 0x20 || unit === 0x3000) hangul = latin = false;
    if (hangul && latin) return true;
  }
  return false;
}

/** The text with the Latin letters of every mixed word read as Hangul, both ways. */
export function mixedReadings(text: string): Reading[] {
  return [rewrite(text, romanise), rewrite(text, (run) => [...run].map((ch) => KEYBOARD[ch] ?? KEYBOARD[ch.toLowerCase()] ?? ch))];
}

/** Splits a Latin run into pieces, each mapped to one jamo (or kept when unknown). */
function romanise(run: string): string[] {
  const lower = run.toLowerCase();
  const out: string[] = [];
  for (let i = 0; i < lower.length; ) {
    const hit = ROMAN.find(([latin, jamo]) => lower.startsWith(latin, i) && !(latin === 'ng' && VOWEL_JAMO.test(nextVowel(lower, i + 2)) && jamo === 'ㅇ'));
    const [latin, jamo] = hit ?? [lower[i] ?? '', lower[i] ?? ''];
    out.push(jamo, ...Array<string>(latin.length - 1).fill(''));
    i += latin.length;
  }
  return out;
}

/** The jamo a vowel at `i` would read as, or '' (ng before a vowel is n + g, as in 'nga'). */
function nextVowel(lower: string, i: number): string {
  const hit = ROMAN.find(([latin, jamo]) => lower.startsWith(latin, i) && VOWEL_JAMO.test(jamo));
  return hit?.[1] ?? '';
}

/** Rewrites the Latin runs of mixed words; `map` returns one output string per input letter. */
function rewrite(text: string, map: (run: string) => string[]): Reading {
  let out = '';
  const origin: number[] = [];
  let word = 0;
  const flush = (end: number): void => {
    const slice = text.slice(word, end);
    const mixed = hasMixedWord(slice);
    for (let i = word; i < end; ) {
      let j = i;
      while (mixed && j < end && isLatin(text.charCodeAt(j))) j++;
      if (j === i) {
        out += text[i];
        origin.push(i);
        i++;
        continue;
      }
      map(text.slice(i, j)).forEach((piece, k) => {
        for (const ch of piece) {
          out += ch;
          origin.push(i + k);
        }
      });
      i = j;
    }
    word = end;
  };
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit <= 0x20 || unit === 0x3000) {
      flush(i);
    }
  }
  flush(text.length);
  return { text: out, origin: Uint32Array.from(origin) };
}
