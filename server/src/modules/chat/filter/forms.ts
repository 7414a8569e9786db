import { toKeyboardKeys } from './jamo.js';

/** Cap on one form's expansion, so a typo like [가-힣][가-힣] cannot blow up the automaton. */
const MAX_EXPANSIONS = 2048;

export interface ParsedForm {
  body: string;
  /** true: `^`, false: `~`, undefined: default (Latin-initial forms must start a word). */
  start: boolean | undefined;
  /** `$`: must end a word. */
  end: boolean;
}

/** Form syntax in the lists: `^fuk`, `~fuck`, `^ass$`, `[시씨쉬][발벌빨]`, `새끼{여우|판다}`. */
export function parseForm(form: string): ParsedForm {
  let body = form.trim();
  let start: boolean | undefined;
  if (body.startsWith('^')) start = true;
  else if (body.startsWith('~')) start = false;
  if (start !== undefined) body = body.slice(1);
  const end = body.length > 1 && body.endsWith('$');
  if (end) body = body.slice(0, -1);
  return { body, start, end };
}

/** Expands `[abc]` letter alternatives and `{ab|cd|}` word alternatives into every combination. */
export function expandForm(body: string): string[] {
  let results = [''];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    let options = [ch];
    const close = ch === '[' ? body.indexOf(']', i + 1) : ch === '{' ? body.indexOf('}', i + 1) : -1;
    if (close > i + 1) {
      const inner = body.slice(i + 1, close);
      options = ch === '[' ? [...inner] : inner.split('|');
      i = close;
    }
    results = results.flatMap((prefix) => options.map((option) => prefix + option));
    if (results.length > MAX_EXPANSIONS) throw new Error(`form expands to more than ${MAX_EXPANSIONS}: ${body}`);
  }
  return results;
}

/** Korean forms of two or more whole syllables, as typed with the keyboard in Latin mode. */
export function keyboardForms(forms: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const form of forms) {
    const { body } = parseForm(form);
    for (const text of expandForm(body)) {
      const typed = text.length >= 2 ? toKeyboardKeys(text) : undefined;
      if (typed !== undefined && typed.length >= 4) keys.add(`^${typed}`);
    }
  }
  return [...keys];
}
