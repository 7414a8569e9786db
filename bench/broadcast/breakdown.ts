/**
 * Where Chromium's CPU goes in the app's pipeline (no encoder running): the renderer idle, then
 * with the fake screen shared, then the fake camera added as PiP, then the preview canvas hidden.
 *
 *   npx tsx bench/broadcast/breakdown.ts [--seconds 10] [--preset 720p]
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { OutputPreset } from '@lait/shared';
import { startHeadlessDesktop } from '@lait/desktop/headless';
import { launchBrowser } from '@lait/testkit/browser';
import { FFMPEG } from '@lait/testkit/paths';
import { serveRenderer } from '@lait/testkit/desktop-renderer';
import { cpuMeter, isChromium } from './proc-cpu.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, preset: { type: 'string', default: '720p' } } });
const seconds = Number(values.seconds);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const renderer = await serveRenderer();
  const app = await startHeadlessDesktop({
    ffmpegPath: FFMPEG, dataDir: mkdtempSync(path.join(tmpdir(), 'lait-bench-bd-')), settings: { preset: values.preset as OutputPreset, fps: 30 },
  });
  const browser = await launchBrowser({ fakeMedia: true });
  const rows: string[] = [];
  const measure = async (label: string) => {
    await sleep(3000);
    const m = cpuMeter(isChromium);
    await sleep(seconds * 1000);
    rows.push(`| ${label} | ${(m.coreSeconds() / seconds).toFixed(2)} |`);
    console.log(rows.at(-1));
  };
  const page = await browser.context.newPage();
  try {
    await page.goto(`${renderer.url}?lait-bridge=${encodeURIComponent(app.bridgeUrl)}`);
    await page.getByTestId('go-live').waitFor();
    await measure('renderer open, no source');
    await page.getByTestId('scene-screen').check();
    await page.click('[data-testid="source-share-screen"]');
    await measure('fake screen shared, scene "screen", composed at 30 fps');
    await page.locator('[data-testid="source-camera"] option').nth(1).waitFor({ state: 'attached' });
    await page.getByTestId('source-camera').selectOption((await page.locator('[data-testid="source-camera"] option').nth(1).getAttribute('value')) ?? '');
    await page.getByTestId('scene-pip').check();
    await measure('+ fake camera as PiP');
    await page.addStyleTag({ content: '[data-testid="preview"] { visibility: hidden; }' });
    await measure('same, preview canvas hidden (no page repaint of it)');
  } finally {
    await browser.close();
    await app.close();
    await renderer.close();
  }
  console.log(`\nload average ${loadavg().map((l) => l.toFixed(2)).join(', ')}\n| Chromium, ${values.preset} | core-s per s |\n| --- | --- |\n${rows.join('\n')}`);
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
