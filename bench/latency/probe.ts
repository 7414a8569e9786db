import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { BLOCK, COLS, HEIGHT, ORIGIN_X, ORIGIN_Y, ROWS, WIDTH } from './timestamp-frames.js';

export interface ProbeResult {
  latenciesMs: number[];
  unreadable: number;
  stalls: number;
  stallMs: number;
}

interface ProbeConfig { selector: string; W: number; H: number; BLOCK: number; COLS: number; ROWS: number; OX: number; OY: number; SCALE: number }

export async function startProbe(page: Page, selector: string): Promise<void> {
  const cfg: ProbeConfig = { selector, W: WIDTH, H: HEIGHT, BLOCK, COLS, ROWS, OX: ORIGIN_X, OY: ORIGIN_Y, SCALE: 8 };
  const source = readFileSync(new URL('./probe-script.js', import.meta.url), 'utf8');
  await page.evaluate(`${source}\nwindow.__installProbe(${JSON.stringify(cfg)});`);
}

interface PageProbe { lat: number[]; bad: number; stalls: number; stallMs: number; stallStart: number }

/** A stall still running when read counts up to now. */
export async function readProbe(page: Page): Promise<ProbeResult> {
  return page.evaluate(() => {
    const p = (window as unknown as { __probe: PageProbe }).__probe;
    const ongoing = p.stallStart ? performance.now() - p.stallStart : 0;
    return { latenciesMs: p.lat, unreadable: p.bad, stalls: p.stalls, stallMs: Math.round(p.stallMs + ongoing) };
  });
}

/** Starts a new window: a stall running at the reset counts from now, and not twice. */
export async function resetProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const p = (window as unknown as { __probe: PageProbe }).__probe;
    p.lat = [];
    p.bad = 0;
    p.stalls = p.stallStart ? 1 : 0;
    p.stallMs = 0;
    if (p.stallStart) p.stallStart = performance.now();
  });
}
