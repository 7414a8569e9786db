import type { Writable } from 'node:stream';

/** Prints either JSON (for scripts) or readable lines (for people). */
export function print(out: Writable, json: boolean, data: unknown, human: string): void {
  out.write(json ? `${JSON.stringify(data)}\n` : `${human}\n`);
}
