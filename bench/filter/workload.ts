import { readFileSync } from 'node:fs';

/** The filter's committed test set, beside its sources in the server package. */
const TESTSET = new URL('./testset/', import.meta.resolve('@lait/server/chat-filter'));

/** Small deterministic PRNG (mulberry32) so every run measures the same messages. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readSet(name: string): string[] {
  return readFileSync(new URL(name, TESTSET), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0 && !line.startsWith('#'));
}

/**
 * Realistic mix: 92% ordinary chat, 8% dodges; a third of messages join two or three lines,
 * so lengths range from 1 to ~60 UTF-16 units like live chat.
 */
export function createMessages(count: number, seed = 42): string[] {
  const random = createRandom(seed);
  const clean = readSet('clean.txt');
  const dodges = readSet('dodges.txt');
  const pick = (): string => {
    const pool = random() < 0.08 ? dodges : clean;
    return pool[Math.floor(random() * pool.length)] ?? '';
  };
  const messages: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts = random() < 0.33 ? 2 + Math.floor(random() * 2) : 1;
    messages.push(Array.from({ length: parts }, pick).join(' '));
  }
  return messages;
}

/**
 * Made-up words that pad a list to the measured size: random syllables from the whole Hangul
 * block and random Latin letters, so (like most of a real 5k list) they almost never occur.
 */
export function createPadding(count: number, seed = 7): string[] {
  const random = createRandom(seed);
  const words = new Set<string>();
  while (words.size < count) {
    const korean = random() < 0.6;
    const length = korean ? 2 + Math.floor(random() * 3) : 6 + Math.floor(random() * 5);
    let word = '';
    for (let i = 0; i < length; i++) {
      word += korean
        ? String.fromCharCode(0xac00 + Math.floor(random() * 11172))
        : String.fromCharCode(0x61 + Math.floor(random() * 26));
    }
    words.add(word);
  }
  return [...words];
}
