import { loadavg } from 'node:os';
import { launchBrowser } from '@lait/testkit/browser';
import { percentile } from '../lib/report.js';
import { readProbe, resetProbe, startProbe, type ProbeResult } from './probe.js';

/** One measured path: a page that plays the stream, and the video element the probe reads. */
export interface MeasureTarget {
  label: string;
  url: string;
  selector: string;
  /** Let the player settle after a join before counting (the peer needs its 5 s fragments). */
  warmupMs: number;
  /** localStorage of the page's origin before it loads (the player's quality choice picks a rung). */
  storage?: Record<string, string>;
}

export interface Summary {
  label: string;
  samples: number;
  p50: number;
  p95: number;
  max: number;
  stalls: number;
  stallMs: number;
  unreadable: number;
  /** 1-minute load average at the end of each join. */
  load: number[];
  /** The video's height at the end of each join: the rendition actually played. */
  heights: number[];
  /** What the path's fragments carry (set by run.ts). */
  tracks?: string;
  /** Frames waiting in front of x264 while measuring, in ms (set by run.ts): a loaded machine. */
  backlogMs?: { p50: number; max: number };
}

export function summarise(label: string, runs: ProbeResult[], load: number[], heights: number[] = []): Summary {
  const all = runs.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  return {
    label,
    samples: all.length,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    max: all[all.length - 1] ?? Number.NaN,
    stalls: runs.reduce((s, r) => s + r.stalls, 0),
    stallMs: runs.reduce((s, r) => s + r.stallMs, 0),
    unreadable: runs.reduce((s, r) => s + r.unreadable, 0),
    load,
    heights,
  };
}

/** `joins` fresh page loads, each counted for seconds/joins after its warm-up. */
export async function measure(target: MeasureTarget, seconds: number, joins: number): Promise<Summary> {
  const browser = await launchBrowser();
  const runs: ProbeResult[] = [];
  const load: number[] = [];
  const heights: number[] = [];
  try {
    const page = await browser.context.newPage();
    if (target.storage) {
      await page.addInitScript((entries) => {
        for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
      }, target.storage);
    }
    for (let j = 0; j < joins; j++) {
      await page.goto(target.url);
      await page.locator(target.selector).waitFor({ timeout: 60_000 });
      await startProbe(page, target.selector);
      await page.waitForTimeout(target.warmupMs);
      await resetProbe(page);
      await page.waitForTimeout((seconds / joins) * 1000);
      const r = await readProbe(page);
      heights.push(await page.locator(target.selector).evaluate((v: HTMLVideoElement) => v.videoHeight));
      const sorted = [...r.latenciesMs].sort((a, b) => a - b);
      load.push(loadavg()[0] ?? Number.NaN);
      console.log(`  ${target.label} join ${j + 1}: ${r.latenciesMs.length} frames, p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, ${heights[j]}p, stalls ${r.stalls} (${r.stallMs} ms), load ${load[j]?.toFixed(1)}`);
      runs.push(r);
    }
  } finally {
    await browser.close();
  }
  return summarise(target.label, runs, load, heights);
}
