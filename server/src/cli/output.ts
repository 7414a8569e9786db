import type { Writable } from 'node:stream';
import { visibleText } from '@lait/shared';

/**
 * Text for a terminal: controls and bidi overrides (stored before the schemas refused them, or
 * typed by hand) are shown as `\x1b`, `\u202e`, never sent raw (terminal injection, issue 9).
 * Line breaks between the lines of `human` stay; a field's own must go through {@link visibleText}.
 */
export function forTerminal(human: string): string {
  return human.split('\n').map(visibleText).join('\n');
}

/** Prints either JSON (for scripts; JSON escapes controls itself) or readable lines (for people). */
export function print(out: Writable, json: boolean, data: unknown, human: string): void {
  out.write(json ? `${JSON.stringify(data)}\n` : `${forTerminal(human)}\n`);
}
