/** A listed word: its canonical spelling and the spellings that should report it. */
export interface WordEntry {
  word: string;
  /** Extra forms; `[시씨]발` expands, `^`/`~` and `$` set word-boundary rules. */
  forms?: readonly string[];
}

export interface WordListInput {
  words: readonly (string | WordEntry)[];
  /** Phrases in which a listed word is ordinary (시발점, 새끼 고양이, Scunthorpe). */
  allow?: readonly string[];
  /** Also match Korean forms typed in Latin keyboard mode (tlqkf). Default true. */
  keyboardForms?: boolean;
}

export type FilterAction = 'mask' | 'block';

export interface FilterMatch {
  /** Canonical listed word. */
  word: string;
  /** UTF-16 index range in the original text, end exclusive. */
  start: number;
  end: number;
}

/** One message's verdict; also the line format of `lait filter check`. */
export interface FilterVerdict {
  /** True only for a `block` filter with at least one match. */
  blocked: boolean;
  /** The text with each match's original characters replaced (whitespace kept). */
  masked: string;
  matches: FilterMatch[];
}

export interface FilterOptions {
  action?: FilterAction;
  /** Replacement per masked character: `*` (default) or e.g. `♡`. */
  maskChar?: string;
}

export interface ChatFilter {
  readonly action: FilterAction;
  check(text: string): FilterVerdict;
}
