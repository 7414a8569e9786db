import { ALPHABET_SIZE } from './jamo.js';

/**
 * Aho-Corasick compiled to a full DFA over the normalised alphabet (95 codes).
 * Written here rather than taken from a package because the packages match over UTF-16
 * strings: matching over our own codes lets one normalised buffer be scanned with a single
 * typed-array read per code and every hit be mapped back to original indices.
 */
export interface Automaton {
  /** delta[state * ALPHABET_SIZE + code] → next state; failure links already folded in. */
  readonly delta: Int32Array;
  /** Pattern ending exactly at a state, or -1. */
  readonly statePattern: Int32Array;
  /** Nearest proper-suffix state that ends a pattern, or -1. */
  readonly dictLink: Int32Array;
  /** 1 when statePattern or dictLink is set: the only check on the hot path. */
  readonly hasOutput: Uint8Array;
}

export function buildAutomaton(patterns: readonly Uint8Array[]): Automaton {
  let capacity = 1;
  for (const pattern of patterns) capacity += pattern.length;
  const delta = new Int32Array(capacity * ALPHABET_SIZE).fill(-1);
  const statePattern = new Int32Array(capacity).fill(-1);
  let states = 1;
  patterns.forEach((pattern, id) => {
    let state = 0;
    for (const code of pattern) {
      const slot = state * ALPHABET_SIZE + code;
      let next = delta[slot] ?? -1;
      if (next < 0) {
        next = states++;
        delta[slot] = next;
      }
      state = next;
    }
    if ((statePattern[state] ?? -1) < 0) statePattern[state] = id;
  });
  const dictLink = new Int32Array(states).fill(-1);
  linkFailures(delta, statePattern, dictLink, states);
  const hasOutput = new Uint8Array(states);
  for (let state = 0; state < states; state++) {
    hasOutput[state] = (statePattern[state] ?? -1) >= 0 || (dictLink[state] ?? -1) >= 0 ? 1 : 0;
  }
  return {
    delta: delta.slice(0, states * ALPHABET_SIZE),
    statePattern: statePattern.slice(0, states),
    dictLink,
    hasOutput,
  };
}

function linkFailures(delta: Int32Array, statePattern: Int32Array, dictLink: Int32Array, states: number): void {
  const fail = new Int32Array(states);
  const queue = new Int32Array(states);
  let head = 0;
  let tail = 0;
  for (let code = 0; code < ALPHABET_SIZE; code++) {
    const child = delta[code] ?? -1;
    if (child < 0) delta[code] = 0;
    else queue[tail++] = child;
  }
  while (head < tail) {
    const state = queue[head++] ?? 0;
    const failState = fail[state] ?? 0;
    dictLink[state] = (statePattern[failState] ?? -1) >= 0 ? failState : (dictLink[failState] ?? -1);
    const row = state * ALPHABET_SIZE;
    const failRow = failState * ALPHABET_SIZE;
    for (let code = 0; code < ALPHABET_SIZE; code++) {
      const child = delta[row + code] ?? -1;
      const viaFail = delta[failRow + code] ?? 0;
      if (child < 0) {
        delta[row + code] = viaFail;
      } else {
        fail[child] = viaFail;
        queue[tail++] = child;
      }
    }
  }
}
