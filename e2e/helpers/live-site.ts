import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import type { Publisher } from '@lait/testkit/publisher';
import { goLive } from '@lait/testkit/accounts';

export interface LiveSite {
  readonly p: Platform;
  readonly browser: Browser;
  /** The live streamer's channel. */
  readonly slug: string;
}

/**
 * For a describe block: a platform, a browser and one streamer live on it (signed up through the
 * site's API, publishing the test pattern), all stopped after the block.
 */
export function liveSite(user: { email: string; password: string; nickname: string }, opts: { durationSec: number; patch?: Record<string, unknown> }): LiveSite {
  const site: { p?: Platform; browser?: Browser; slug: string; pub?: Publisher } = { slug: '' };
  beforeAll(async () => {
    site.p = await startPlatform();
    site.browser = await launchBrowser();
    const live = await goLive(site.p, user, opts);
    site.slug = live.slug;
    site.pub = live.publisher;
  });
  afterAll(async () => {
    await site.pub?.stop();
    await site.browser?.close();
    await site.p?.stop();
  });
  return {
    get p() {
      return site.p!;
    },
    get browser() {
      return site.browser!;
    },
    get slug() {
      return site.slug;
    },
  };
}
