import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFilter } from './chat-filter.js';
import { loadDefaultLists } from './list-files.js';

function readSet(name: string): string[] {
  return readFileSync(new URL(`./testset/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0 && !line.startsWith('#'));
}

describe('committed Korean/English test set', () => {
  const filter = createFilter(loadDefaultLists());
  const dodges = readSet('dodges.txt');
  const clean = readSet('clean.txt');

  it('has at least 150 lines of each kind', () => {
    expect(dodges.length).toBeGreaterThanOrEqual(150);
    expect(clean.length).toBeGreaterThanOrEqual(150);
  });

  // Floors sit just under what was measured (recall 1.000, precision 0.985 with 3 held-out
  // false positives: 시발 버스, 내 새끼, 새끼 때부터). Most of the set was used to tune the
  // lists, so these numbers are an upper bound on real chat.
  it('keeps recall >= 0.97 and precision >= 0.97', () => {
    const caught = dodges.filter((line) => filter.check(line).matches.length > 0).length;
    const falsePositives = clean.filter((line) => filter.check(line).matches.length > 0);
    const recall = caught / dodges.length;
    const precision = caught / (caught + falsePositives.length);
    console.log(
      `filter test set: recall ${recall.toFixed(3)} (${caught}/${dodges.length}), ` +
        `precision ${precision.toFixed(3)} (${falsePositives.length} of ${clean.length} clean lines flagged: ${falsePositives.join(' | ')})`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.97);
    expect(precision).toBeGreaterThanOrEqual(0.97);
  });
});
