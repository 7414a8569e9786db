import { buildAutomaton, type Automaton } from './automaton.js';
import { isLatinCode } from './jamo.js';
import { Normalizer } from './normalizer.js';
import { expandForm, keyboardForms, parseForm } from './forms.js';
import type { WordEntry, WordListInput } from './types.js';

export const enum PatternFlag {
  Allow = 1,
  /** Must not start inside a Latin word (ass in "classic"). */
  Start = 2,
  /** Must not end inside a Latin word (ass in "assassin"). */
  End = 4,
  /** Latin letters collapsed: the match must span as many letters as the pattern had. */
  RunCheck = 8,
}

/** One word list compiled once per version; shared read-only by every filter built on it. */
export interface CompiledList {
  readonly automaton: Automaton;
  readonly patternLength: Uint8Array;
  readonly patternFlags: Uint8Array;
  readonly patternLatinMin: Uint16Array;
  readonly patternWord: Int32Array;
  /** Canonical words; allow-list patterns point at their phrase. */
  readonly words: readonly string[];
  /** Forms that normalise to fewer than two codes and would match almost anything. */
  readonly skipped: readonly string[];
}

interface Pattern {
  codes: Uint8Array;
  flags: number;
  latinMin: number;
  word: number;
}

export function compileList(input: WordListInput): CompiledList {
  const normalizer = new Normalizer();
  const byKey = new Map<string, Pattern>();
  const words: string[] = [];
  const skipped: string[] = [];
  const add = (form: string, word: number, allow: boolean): void => {
    const { body, start, end } = parseForm(form);
    for (const text of expandForm(body)) {
      const pattern = toPattern(normalizer, text, word, allow, start, end);
      if (pattern === undefined) {
        skipped.push(text);
        continue;
      }
      const key = pattern.codes.join(',');
      const existing = byKey.get(key);
      if (existing === undefined) byKey.set(key, pattern);
      else if (allow) existing.flags |= PatternFlag.Allow;
    }
  };
  for (const entry of input.words.map(toEntry)) {
    const word = words.push(entry.word) - 1;
    // The canonical word is itself a form only when no forms are listed: `ass: ^ass$` must not
    // also add a bare `ass` that would match inside assassin.
    const forms = entry.forms !== undefined && entry.forms.length > 0 ? entry.forms : [entry.word];
    for (const form of forms) add(form, word, false);
    if (input.keyboardForms !== false) for (const form of keyboardForms(forms)) add(form, word, false);
  }
  for (const phrase of input.allow ?? []) add(phrase, words.push(phrase) - 1, true);
  return pack([...byKey.values()], words, skipped);
}

function toEntry(entry: string | WordEntry): WordEntry {
  return typeof entry === 'string' ? { word: entry } : entry;
}

function toPattern(
  normalizer: Normalizer,
  text: string,
  word: number,
  allow: boolean,
  start: boolean | undefined,
  end: boolean,
): Pattern | undefined {
  const length = normalizer.normalize(text);
  if (length < 2 || length > 255) return undefined;
  const codes = normalizer.codes.slice(0, length);
  let latinCodes = 0;
  let latinMin = 0;
  for (let k = 0; k < length; k++) {
    if (!isLatinCode(codes[k] ?? 0)) continue;
    latinCodes++;
    latinMin += normalizer.runs[k] ?? 1;
  }
  let flags = allow ? PatternFlag.Allow : 0;
  if (start ?? isLatinCode(codes[0] ?? 0)) flags |= PatternFlag.Start;
  if (end) flags |= PatternFlag.End;
  if (latinMin > latinCodes) flags |= PatternFlag.RunCheck;
  return { codes, flags, latinMin, word };
}

function pack(patterns: readonly Pattern[], words: readonly string[], skipped: readonly string[]): CompiledList {
  return {
    automaton: buildAutomaton(patterns.map((pattern) => pattern.codes)),
    patternLength: Uint8Array.from(patterns, (pattern) => pattern.codes.length),
    patternFlags: Uint8Array.from(patterns, (pattern) => pattern.flags),
    patternLatinMin: Uint16Array.from(patterns, (pattern) => pattern.latinMin),
    patternWord: Int32Array.from(patterns, (pattern) => pattern.word),
    words,
    skipped,
  };
}
