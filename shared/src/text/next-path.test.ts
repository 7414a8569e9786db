import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path.js';

describe('safeNextPath', () => {
  it('keeps a path on this site as it is', () => {
    for (const ok of ['/', '/dashboard', '/c/lait?tab=chat', '/search?q=%ED%95%9C', '/a/b#top']) expect(safeNextPath(ok), ok).toBe(ok);
  });

  it('sends anything that could leave the site, or break a Location header, home', () => {
    const bad = [
      null, undefined, '', 'dashboard', '//evil.example', '/\\evil.example', '\\/evil.example', 'https://evil.example',
      '/\t/evil.example', '/%09/evil.example', '/%2F/evil.example', '/%5Cevil.example', '/ /x', '/%20x',
      '/a\r\nSet-Cookie: x=1', '/a%0D%0Ab', '/a\u0000', '/a%00', '/채널', '/\uD800', '/%E2%80%AE', '/a%', '/%E0%A4%A',
      `/${'a'.repeat(3000)}`,
    ];
    for (const raw of bad) expect(safeNextPath(raw), JSON.stringify(raw)).toBe('/');
  });
});
