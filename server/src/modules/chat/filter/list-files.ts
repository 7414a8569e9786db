import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { WordEntry, WordListInput } from './types.js';

/** The lists shipped in ./lists, read once at start-up; `version` changes when any file does. */
export interface DefaultLists extends WordListInput {
  version: string;
}

const LIST_FILES = ['ko.txt', 'ko.seed.txt', 'en.txt'] as const;
const ALLOW_FILE = 'allow.txt';

export function loadDefaultLists(directory: URL = new URL('./lists/', import.meta.url)): DefaultLists {
  const hash = createHash('sha256');
  const read = (name: string): string => {
    const text = readFileSync(new URL(name, directory), 'utf8');
    hash.update(name).update(text);
    return text;
  };
  const words = LIST_FILES.flatMap((name) => parseWordList(read(name)));
  const allow = parseAllowList(read(ALLOW_FILE));
  return { words, allow, version: hash.digest('hex').slice(0, 12) };
}

/** `canonical: form form …` per line; `#` starts a comment line. */
export function parseWordList(text: string): WordEntry[] {
  const entries: WordEntry[] = [];
  for (const line of contentLines(text)) {
    const colon = line.indexOf(':');
    const word = (colon < 0 ? line : line.slice(0, colon)).trim();
    const forms = colon < 0 ? [] : line.slice(colon + 1).split(/\s+/).filter((form) => form.length > 0);
    if (word.length > 0) entries.push({ word, forms });
  }
  return entries;
}

/** One phrase per line. */
export function parseAllowList(text: string): string[] {
  return contentLines(text);
}

function contentLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}
