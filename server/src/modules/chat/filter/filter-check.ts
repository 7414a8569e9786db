import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ChatFilter, FilterVerdict } from './types.js';

/** One line of `lait filter check` output. */
export interface FilterCheckLine extends FilterVerdict {
  text: string;
}

export interface FilterCheckSummary {
  lines: number;
  flagged: number;
}

/** Core of `npx lait filter check`: one JSON verdict per input line, in order. */
export async function runFilterCheck(input: Readable, output: Writable, filter: ChatFilter): Promise<FilterCheckSummary> {
  const summary: FilterCheckSummary = { lines: 0, flagged: 0 };
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const text of lines) {
    const verdict = filter.check(text);
    const line: FilterCheckLine = { text, ...verdict };
    summary.lines++;
    if (verdict.matches.length > 0) summary.flagged++;
    if (!output.write(`${JSON.stringify(line)}\n`)) await once(output, 'drain');
  }
  return summary;
}
