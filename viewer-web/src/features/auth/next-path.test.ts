import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('safeNextPath (viewer-web)', () => {
  it('returns to a page on this site', () => {
    expect(safeNextPath('/c/lait?tab=chat')).toBe('/c/lait?tab=chat');
  });

  it('never leaves the site, and never goes back to login or sign-up', () => {
    for (const raw of ['/%09/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example', '/a%0D%0Ab', '/login?next=/x', '/signup']) {
      expect(safeNextPath(raw), raw).toBe('/');
    }
  });
});
