import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '@lait/testkit/paths';
import { ensureRendererBuild } from '@lait/testkit/desktop-renderer';

/** The Electron binary, or why there is none (it is not downloaded with ELECTRON_SKIP_BINARY_DOWNLOAD=1). */
function findElectron(): { bin: string } | { reason: string } {
  try {
    const bin = createRequire(path.join(ROOT, 'desktop/package.json'))('electron') as unknown;
    if (typeof bin === 'string' && existsSync(bin)) return { bin };
    return { reason: `electron package resolves to ${String(bin)}, which does not exist` };
  } catch (err) {
    return { reason: `Electron binary not installed (${(err as Error).message.split('\n')[0]})` };
  }
}

/** Linux needs a display: a real one, or xvfb-run when installed. */
function displayWrapper(): string[] | null {
  if (process.platform !== 'linux' || process.env['DISPLAY']) return [];
  return spawnSync('sh', ['-c', 'command -v xvfb-run']).status === 0 ? ['xvfb-run', '-a'] : null;
}

describe('Electron shell smoke test', () => {
  it('launches the built app, loads the renderer through the sandboxed preload and quits', async (ctx) => {
    const found = findElectron();
    if ('reason' in found) {
      console.warn(`[electron-smoke] SKIPPED: ${found.reason}`);
      ctx.skip(found.reason);
      return;
    }
    const wrap = displayWrapper();
    if (!wrap) {
      ctx.skip('no DISPLAY and no xvfb-run');
      return;
    }
    ensureRendererBuild();
    const [cmd, ...pre] = [...wrap, found.bin];
    const child = spawn(cmd!, [...pre, '--no-sandbox', path.join(ROOT, 'desktop')], {
      env: { ...process.env, LAIT_SMOKE: '1', ELECTRON_ENABLE_LOGGING: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.once('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(out, out.slice(-2000)).toContain('LAIT_SMOKE_OK');
    expect(code).toBe(0);
  }, 90_000);
});
