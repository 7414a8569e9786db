import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT } from '@lait/testkit/paths';

/** Where page screenshots go; CI keeps `e2e/test-results/` as artefacts. */
export const SCREENSHOT_DIR = process.env['LAIT_SCREENSHOT_DIR'] ?? path.join(ROOT, 'e2e/test-results/screenshots');

export const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** How far the page is wider than the viewport (0 when nothing sticks out sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** True when the element's box lies wholly inside the viewport. */
export async function isInViewport(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const vp = page.viewportSize();
  if (!box || !vp) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width + 0.5 && box.y + box.height <= vp.height + 0.5;
}

/**
 * The header at this viewport: opens the phone menu when there is one, then the language switch and
 * log in (or log out) are on screen and clickable, and so is the logo.
 */
export async function checkHeader(page: Page, signedIn: boolean, shotName: string): Promise<void> {
  const menu = page.getByTestId('nav-menu-button');
  if (await menu.isVisible()) {
    expect(await isInViewport(page, '[data-testid="nav-menu-button"]')).toBe(true);
    await menu.click();
    await page.locator('#topbar-menu[data-open="true"]').waitFor();
    await screenshot(page, `${shotName}-menu`);
  }
  const controls = ['[data-testid="lang-switch"]', signedIn ? '[data-testid="nav-logout"]' : '[data-testid="nav-login"]'];
  for (const selector of controls) {
    expect(await isInViewport(page, selector), selector).toBe(true);
    await page.locator(selector).first().click({ trial: true, timeout: 10_000 });
  }
  expect(await isInViewport(page, '.topbar__logo')).toBe(true);
}
