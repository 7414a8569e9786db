import type { ChatMessage } from './messages.js';

/** Message ids are decimal strings of up to 20 digits (past 2^53): compared as digit strings, without losing precision. */
export function compareIds(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The higher of two ids; `a` may be null (nothing seen yet). */
export function maxId(a: string | null, b: string): string {
  return a === null || compareIds(b, a) > 0 ? b : a;
}

/**
 * Merges by id: nothing doubled, everything in numeric id order, at most `limit` (the newest).
 * Returns `current` itself when nothing is new, so React can skip the render.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[], limit: number): readonly ChatMessage[] {
  if (incoming.length === 0) return current;
  const known = new Set(current.map((m) => m.id));
  const fresh = incoming.filter((m) => !known.has(m.id) && (known.add(m.id), true));
  if (fresh.length === 0) return current;
  const merged = [...current, ...fresh].sort((a, b) => compareIds(a.id, b.id));
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}
