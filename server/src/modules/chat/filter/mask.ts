import type { FilterMatch } from './types.js';

/** Replaces each matched original character (not whitespace) with `maskChar`; matches are sorted. */
export function maskSpans(text: string, matches: readonly FilterMatch[], maskChar: string): string {
  let out = '';
  let cursor = 0;
  for (const { start, end } of matches) {
    const from = Math.max(start, cursor);
    if (from >= end) continue;
    out += text.slice(cursor, from);
    for (let i = from; i < end; i++) {
      const unit = text.charCodeAt(i);
      if (unit === 0x20 || unit === 0x09 || unit === 0x0a || unit === 0x3000) out += text[i];
      else if (unit >= 0xdc00 && unit <= 0xdfff && i > from) continue;
      else out += maskChar;
    }
    cursor = end;
  }
  return out + text.slice(cursor);
}
