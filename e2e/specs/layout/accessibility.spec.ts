import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../../helpers/axe.js';
import { liveSite } from '../../helpers/live-site.js';

/** axe-core on the pages a newcomer meets first: no serious or critical WCAG A/AA violation. */
describe('accessibility of the home, channel, sign-up and dashboard pages', () => {
  const email = 'a11y@lait.test';
  const password = 'good-stream-2026';
  const site = liveSite({ email, password, nickname: '접근성검사' }, { durationSec: 180 });

  it('reports no serious or critical violation on each page, signed out and signed in', async () => {
    const { p, browser, slug } = site;
    const page = await browser.context.newPage();
    const scan = async (path: string, ready: string) => {
      await page.goto(`${p.urls.site}${path}`);
      await page.locator(ready).first().waitFor({ timeout: 20_000 });
      // axe reads colours off the rendered page: a control bar fading out (the player starts
      // paused, then plays) would be scanned at half opacity. Scan once no transition runs.
      await page.waitForFunction(() => !document.getAnimations().some((a) => a instanceof CSSTransition), null, { timeout: 10_000 });
      expect(await seriousViolations(page), path).toEqual([]);
    };
    await scan('/', '[data-testid="channel-card"]');
    await scan(`/c/${slug}`, '[data-testid="player-video"]');
    await scan('/signup', '[data-testid="signup-submit"]');

    await page.goto(`${p.urls.site}/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
    await scan('/dashboard', '[data-testid="dashboard"]');
    await scan(`/c/${slug}`, '[data-testid="chat-panel"]');
  });
});
