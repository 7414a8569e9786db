import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from './paths.js';

/** Flags that let Debian's Chromium run as root in a closed network (see FIELD-NOTES). */
const ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A fresh headless Chromium profile. `fakeMedia` gives fake camera, microphone and screen, at 30 fps
 * (the fake screen otherwise delivers 20, which would hide a pipeline that cannot keep up).
 */
export async function launchBrowser(opts: { fakeMedia?: boolean; locale?: string; extraArgs?: string[] } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: npm test installs it (apt-get install chromium)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'lait-chromium-'));
  const base = opts.fakeMedia ? [...ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream=fps=30'] : ARGS;
  const args = [...base, ...(opts.extraArgs ?? [])];
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    locale: opts.locale ?? 'ko-KR',
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
