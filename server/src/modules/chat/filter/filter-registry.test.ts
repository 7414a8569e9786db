import { describe, expect, it } from 'vitest';
import { FilterRegistry } from './filter-registry.js';

describe('FilterRegistry', () => {
  const base = { words: ['시발', { word: 'fuck', forms: ['~fuck'] }], allow: ['시발점'] };

  it('gives channels without words the base filter', () => {
    const registry = new FilterRegistry(base);
    expect(registry.forChannel('a').check('시 발').matches).toHaveLength(1);
    expect(registry.forChannel('a')).toBe(registry.forChannel('b'));
  });

  it("adds a channel's own words to the base list for that channel only", () => {
    const registry = new FilterRegistry(base);
    registry.setChannel('a', { words: ['당근'] });
    expect(registry.forChannel('a').check('당 근 주세요').matches.map((m) => m.word)).toEqual(['당근']);
    expect(registry.forChannel('a').check('시발').matches).toHaveLength(1);
    expect(registry.forChannel('b').check('당근').matches).toEqual([]);
  });

  it("applies each channel's action", () => {
    const registry = new FilterRegistry(base);
    registry.setChannel('strict', { words: [], action: 'block' });
    expect(registry.forChannel('strict').check('시발').blocked).toBe(true);
    expect(registry.forChannel('other').check('시발').blocked).toBe(false);
  });

  it('lets a channel allow a phrase', () => {
    const registry = new FilterRegistry(base);
    registry.setChannel('a', { words: [], allow: ['fuckerberg'] });
    expect(registry.forChannel('a').check('fuckerberg').matches).toEqual([]);
  });

  it('caches a channel filter until the base or the channel list changes', () => {
    const registry = new FilterRegistry(base);
    registry.setChannel('a', { words: ['당근'] });
    const first = registry.forChannel('a');
    expect(registry.forChannel('a')).toBe(first);
    registry.setChannel('a', { words: ['양파'] });
    const second = registry.forChannel('a');
    expect(second).not.toBe(first);
    expect(second.check('당근').matches).toEqual([]);
    registry.setBase({ words: ['바보'] });
    const third = registry.forChannel('a');
    expect(third).not.toBe(second);
    expect(third.check('시발 바보 양파').matches.map((m) => m.word)).toEqual(['바보', '양파']);
    expect(registry.version).toBe(2);
  });
});
