import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Settings } from '@lait/shared';
import type { Page } from 'playwright-core';
import { startHeadlessDesktop, type HeadlessDesktopOptions } from '../../../desktop/src/main/headless.js';
import { ROOT } from '../../helpers/paths.js';

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

/**
 * The desktop app's main process without Electron (real engine, account client, IPC registry) in a
 * temp folder; `openExternal` stands in for the system browser (Kakao sign-in).
 */
export async function startDesktop(opts: {
  ffmpegPath: string | null;
  settings?: Partial<Settings>;
  openExternal?: (url: string) => void;
  listSources?: HeadlessDesktopOptions['listSources'];
}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lait-desktop-e2e-'));
  const app = await startHeadlessDesktop({
    ffmpegPath: opts.ffmpegPath, dataDir, ...(opts.settings && { settings: opts.settings }), ...(opts.openExternal && { openExternal: opts.openExternal }),
    ...(opts.listSources && { listSources: opts.listSources }),
  });
  return {
    ...app,
    dataDir,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Create an account through the real REST signup; returns its channel slug. */
export async function signUp(site: string, user: { email: string; password: string; nickname: string }): Promise<{ slug: string; accessToken: string }> {
  const res = await fetch(`${site}/api/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
  if (res.status !== 201) throw new Error(`signup failed ${res.status}: ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  const me = (await (await fetch(`${site}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { channel: { slug: string } };
  return { slug: me.channel.slug, accessToken };
}

/** Open the renderer against a bridge; page errors are collected for the final assertion. */
export async function openRenderer(page: Page, rendererUrl: string, bridgeUrl: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${rendererUrl}?lait-bridge=${encodeURIComponent(bridgeUrl)}`);
  await page.getByTestId('go-live').waitFor({ timeout: 20_000 });
  return errors;
}

/** Wait until the channel page's player plays, then answer how many seconds it advanced in `windowMs`. */
export async function playbackGain(page: Page, windowMs: number, startTimeoutMs = 30_000): Promise<number> {
  const video = page.getByTestId('player-video');
  await video.waitFor({ timeout: startTimeoutMs });
  const now = () => video.evaluate((v: HTMLVideoElement) => (v.paused || v.error ? -1 : v.currentTime));
  const deadline = Date.now() + startTimeoutMs;
  let t0 = await now();
  while (Date.now() < deadline) {
    await page.waitForTimeout(500);
    const t = await now();
    if (t0 > 0.2 && t > t0) break;
    t0 = t;
  }
  await page.waitForTimeout(windowMs);
  return (await now()) - t0;
}
