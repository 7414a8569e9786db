import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../test/test-app.js';

/** A built site as vite leaves it, with a source map that must not get out. */
function fakeDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lait-site-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Lait</title>');
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1);\n//# sourceMappingURL=index-abc123.js.map');
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js.map'), '{"version":3,"sources":["../src/secret.ts"]}');
  return dir;
}

describe('the built site in production', () => {
  const dist = fakeDist();
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
  const t = useTestApp('sqlite', { NODE_ENV: 'production', WEB_DIST_DIR: dist });

  it('serves the scripts and client routes but answers 404 for source maps', async () => {
    expect((await t.app.inject({ url: '/assets/index-abc123.js' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/c/some-channel' })).body).toContain('<title>Lait</title>');
    for (const url of ['/assets/index-abc123.js.map', '/assets/index-abc123.js.map?x=1', '/assets/missing.js.map']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toContain('sources');
      expect(res.body, url).not.toContain('<title>');
    }
  });
});
