import { isLetter, isLatinLetter } from './char-table.js';
import { compileList, PatternFlag, type CompiledList } from './compiled-list.js';
import { ALPHABET_SIZE, isLatinCode } from './jamo.js';
import { maskSpans } from './mask.js';
import { hasMixedWord, mixedReadings, type Reading } from './mixed-script.js';
import { GAP_BIT, Normalizer, ORIG_MASK } from './normalizer.js';
import type { ChatFilter, FilterAction, FilterMatch, FilterOptions, FilterVerdict, WordListInput } from './types.js';

const NO_MATCHES: FilterMatch[] = [];
Object.freeze(NO_MATCHES);

/** Compiles the lists once; `check` then normalises and scans without rebuilding anything. */
export function createFilter(input: WordListInput & FilterOptions): ChatFilter {
  return createLayeredFilter([compileList(input)], input);
}

/**
 * A filter over several compiled lists (the shared base plus one channel's words): the text is
 * normalised once and each list's automaton scans the same buffer. An allow phrase from any
 * list clears a match from any list.
 */
export function createLayeredFilter(lists: readonly CompiledList[], options: FilterOptions = {}): ChatFilter {
  const action: FilterAction = options.action ?? 'mask';
  const maskChar = options.maskChar ?? '*';
  const normalizer = new Normalizer();
  const find = (text: string): FilterMatch[] => {
    const length = normalizer.normalize(text);
    let hits: number[] | undefined;
    for (let l = 0; l < lists.length; l++) {
      const list = lists[l];
      if (list !== undefined) hits = scan(list, l, normalizer.codes, length, hits);
    }
    return hits === undefined ? NO_MATCHES : judge(lists, hits, normalizer, length, text);
  };
  return {
    action,
    check(text: string): FilterVerdict {
      let matches = find(text);
      // 시bal, 병tls: rare enough that reading the text twice more costs nothing overall.
      if (hasMixedWord(text)) {
        for (const reading of mixedReadings(text)) matches = mergeMatches(matches, find(reading.text).map((m) => mapBack(m, reading, text.length)));
      }
      if (matches.length === 0) return { blocked: false, masked: text, matches: NO_MATCHES };
      return { blocked: action === 'block', masked: maskSpans(text, matches, maskChar), matches };
    },
  };
}

/** A match in a reading, as a span of the original text. */
function mapBack(match: FilterMatch, reading: Reading, length: number): FilterMatch {
  const start = reading.origin[match.start] ?? 0;
  const end = match.end < reading.origin.length ? (reading.origin[match.end] ?? length) : length;
  return { word: match.word, start, end: Math.max(end, start + 1) };
}

/** Sorted by start, without a match lying inside the one before it. */
function mergeMatches(a: readonly FilterMatch[], b: readonly FilterMatch[]): FilterMatch[] {
  if (b.length === 0) return a as FilterMatch[];
  const all = [...a, ...b].sort((x, y) => x.start - y.start || y.end - x.end);
  const out: FilterMatch[] = [];
  for (const match of all) {
    const previous = out[out.length - 1];
    if (previous !== undefined && match.end <= previous.end) continue;
    out.push(match);
  }
  return out;
}

/** Hot loop: one table read per code; hits are (list, pattern, end) triples. */
function scan(list: CompiledList, l: number, codes: Uint8Array, length: number, hits: number[] | undefined): number[] | undefined {
  const { delta, hasOutput, statePattern, dictLink } = list.automaton;
  let state = 0;
  for (let i = 0; i < length; i++) {
    state = delta[state * ALPHABET_SIZE + (codes[i] ?? 0)] ?? 0;
    if (hasOutput[state] === 0) continue;
    hits ??= [];
    let at = (statePattern[state] ?? -1) >= 0 ? state : (dictLink[state] ?? -1);
    while (at >= 0) {
      hits.push(l, statePattern[at] ?? 0, i + 1);
      at = dictLink[at] ?? -1;
    }
  }
  return hits;
}

interface Candidate {
  from: number;
  to: number;
  match: FilterMatch;
}

function judge(
  lists: readonly CompiledList[],
  hits: readonly number[],
  normalizer: Normalizer,
  length: number,
  text: string,
): FilterMatch[] {
  const allowed: Array<[number, number]> = [];
  const candidates: Candidate[] = [];
  for (let h = 0; h < hits.length; h += 3) {
    const list = lists[hits[h] ?? 0];
    const pattern = hits[h + 1] ?? 0;
    const to = hits[h + 2] ?? 0;
    if (list === undefined) continue;
    const from = to - (list.patternLength[pattern] ?? 0);
    const flags = list.patternFlags[pattern] ?? 0;
    if ((flags & PatternFlag.Allow) !== 0) allowed.push([from, to]);
    else if (isAcceptable(list, pattern, flags, from, to, normalizer, length, text)) {
      const start = (normalizer.orig[from] ?? 0) & ORIG_MASK;
      const end = normalizer.ends[to - 1] ?? start + 1;
      candidates.push({ from, to, match: { word: list.words[list.patternWord[pattern] ?? 0] ?? '', start, end } });
    }
  }
  const kept = candidates.filter((c) => !allowed.some(([from, to]) => from <= c.from && c.to <= to));
  kept.sort((a, b) => a.match.start - b.match.start || b.match.end - a.match.end);
  const matches: FilterMatch[] = [];
  for (const { match } of kept) {
    const previous = matches[matches.length - 1];
    if (previous !== undefined && match.end <= previous.end) continue;
    matches.push(match);
  }
  return matches;
}

/** Word-boundary rules that keep normalisation from joining ordinary words into a match. */
function isAcceptable(
  list: CompiledList,
  pattern: number,
  flags: number,
  from: number,
  to: number,
  normalizer: Normalizer,
  length: number,
  text: string,
): boolean {
  const { orig, ends, runs, codes } = normalizer;
  const start = (orig[from] ?? 0) & ORIG_MASK;
  const end = ends[to - 1] ?? text.length;
  // 시바 inside 한 시 반: a match may not stop between a syllable's vowel and its final.
  if (to < length && ((orig[to] ?? 0) & ORIG_MASK) === ((orig[to - 1] ?? 0) & ORIG_MASK)) return false;
  if ((flags & PatternFlag.Start) !== 0 && start > 0 && isWordUnit(text.charCodeAt(start - 1))) return false;
  if ((flags & PatternFlag.End) !== 0 && isWordUnit(text.charCodeAt(end))) return false;
  if ((flags & PatternFlag.RunCheck) !== 0) {
    let letters = 0;
    for (let k = from; k < to; k++) if (isLatinCode(codes[k] ?? 0)) letters += runs[k] ?? 1;
    if (letters < (list.patternLatinMin[pattern] ?? 0)) return false;
  }
  // 수박씨 발라, 시 발표회: a match across a space must start a word and end one ("씨 발 놈아"),
  // unless it is split more than once, which ordinary words rarely are ("개 새 끼야").
  let gaps = 0;
  for (let k = from + 1; k < to; k++) if ((orig[k] ?? 0) >= GAP_BIT) gaps++;
  if (gaps === 0) return true;
  return !isLetter(text.charCodeAt(start - 1)) && (gaps > 1 || !isLetter(text.charCodeAt(end)));
}

function isWordUnit(unit: number): boolean {
  return isLatinLetter(unit) || (unit >= 0x30 && unit <= 0x39);
}
