import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createFilter } from './chat-filter.js';
import { runFilterCheck } from './filter-check.js';

describe('runFilterCheck', () => {
  it('prints one JSON verdict per input line', async () => {
    const filter = createFilter({ words: ['시발'], action: 'block' });
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const summary = await runFilterCheck(Readable.from(['안녕\n시@발 뭐야\n']), output, filter);
    const lines = chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(summary).toEqual({ lines: 2, flagged: 1 });
    expect(lines).toEqual([
      { text: '안녕', blocked: false, masked: '안녕', matches: [] },
      { text: '시@발 뭐야', blocked: true, masked: '*** 뭐야', matches: [{ word: '시발', start: 0, end: 3 }] },
    ]);
  });
});
