/*
 * Hangul-aware matching for the directory search. A query character matches a text character when
 * they are equal (case-insensitive), or when the query character is a compatibility consonant
 * (ㄱ…ㅎ) and the text character is a syllable starting with it: `ㄹㅇ` finds 라잇, `라ㅇ` too.
 * Syllable arithmetic per Unicode §3.12; no dictionary needed.
 */
const SYLLABLE_BASE = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
/** Initial consonants in syllable order, as compatibility jamo. */
const CHOSEONG = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';

function initialOf(ch: string): string | null {
  const code = ch.codePointAt(0) ?? 0;
  if (code < SYLLABLE_BASE || code > SYLLABLE_LAST) return null;
  return CHOSEONG[Math.floor((code - SYLLABLE_BASE) / 588)] ?? null;
}

function charMatches(q: string, t: string): boolean {
  return q === t || (CHOSEONG.includes(q) && initialOf(t) === q);
}

/** Normalises for search: lower case, no spaces. */
export function normaliseForSearch(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/g, '');
}

/** True when `query` occurs in `text`, letting consonants stand for whole syllables. */
export function hangulIncludes(text: string, query: string): boolean {
  const t = [...normaliseForSearch(text)];
  const q = [...normaliseForSearch(query)];
  if (q.length === 0) return true;
  outer: for (let i = 0; i + q.length <= t.length; i++) {
    for (let j = 0; j < q.length; j++) if (!charMatches(q[j]!, t[i + j]!)) continue outer;
    return true;
  }
  return false;
}
