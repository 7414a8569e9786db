import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './paths.js';

/** electron-vite's renderer output: the exact files the desktop app loads. */
export const RENDERER_DIR = path.join(ROOT, 'desktop/out/renderer');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/** Build the renderer once if no build exists (`npm run build -w desktop`). */
export function ensureRendererBuild(): void {
  if (existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  const res = spawnSync('npm', ['run', 'build', '-w', 'desktop'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  if (res.status !== 0) throw new Error(`desktop build failed:\n${res.stdout}${res.stderr}`);
}

/** A tiny static server for the built renderer on a free loopback port. */
export async function serveRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  ensureRendererBuild();
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(RENDERER_DIR, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Open the renderer against a bridge; page errors are collected for the final assertion. */
export async function openRenderer(page: Page, rendererUrl: string, bridgeUrl: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${rendererUrl}?lait-bridge=${encodeURIComponent(bridgeUrl)}`);
  await page.getByTestId('go-live').waitFor({ timeout: 20_000 });
  return errors;
}
