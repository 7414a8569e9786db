import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Settings } from '@lait/shared';
import { startBareServer, type BareServer } from '@lait/testkit/bare-server';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { ROOT } from '@lait/testkit/paths';
import { serveRenderer } from '@lait/testkit/desktop-renderer';
import { startHeadlessDesktop, type HeadlessDesktop, type HeadlessDesktopOptions } from '@lait/desktop/headless';

export type TestDesktop = HeadlessDesktop & { dataDir: string };

/**
 * The desktop app's main process without Electron (real engine, account client, IPC registry) in a
 * temp folder; `openExternal` stands in for the system browser (Kakao sign-in).
 */
export async function startDesktop(opts: {
  ffmpegPath: string | null;
  settings?: Partial<Settings>;
  openExternal?: (url: string) => void;
  listSources?: HeadlessDesktopOptions['listSources'];
}): Promise<TestDesktop> {
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

export interface DesktopHarness {
  readonly server: BareServer;
  readonly browser: Browser;
  readonly renderer: Awaited<ReturnType<typeof serveRenderer>>;
  readonly desktop: TestDesktop;
}

const WEB_DIST = path.join(ROOT, 'viewer-web/dist');

/**
 * For a describe block: a bare Lait server (`serverEnv`; with `site`, it also serves the built
 * viewer-web, for specs that put the site beside the app), the built renderer, the app's main
 * process signed out with `settings` against that server, and a Chromium with fake camera and
 * microphone; all stopped after the block.
 */
export function desktopHarness(opts: { serverEnv?: Record<string, string>; settings?: Partial<Settings>; site?: boolean } = {}): DesktopHarness {
  const h: Partial<{ -readonly [K in keyof DesktopHarness]: DesktopHarness[K] }> = {};
  beforeAll(async () => {
    if (opts.site && !existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('viewer-web is not built: npm run build -w viewer-web');
    h.server = await startBareServer({ ...opts.serverEnv, ...(opts.site ? { WEB_DIST_DIR: WEB_DIST } : {}) });
    h.renderer = await serveRenderer();
    h.desktop = await startDesktop({ ffmpegPath: null, settings: { serverUrl: h.server.url, mode: 'account', ...opts.settings } });
    h.browser = await launchBrowser({ fakeMedia: true });
  });
  afterAll(async () => {
    await h.desktop?.close();
    await h.browser?.close();
    await h.renderer?.close();
    await h.server?.stop();
    h.server?.cleanup();
  });
  const get = <K extends keyof DesktopHarness>(k: K): DesktopHarness[K] => {
    const v = h[k];
    if (!v) throw new Error(`desktopHarness: ${k} is not started (used outside a test?)`);
    return v as DesktopHarness[K];
  };
  return {
    get server() {
      return get('server');
    },
    get browser() {
      return get('browser');
    },
    get renderer() {
      return get('renderer');
    },
    get desktop() {
      return get('desktop');
    },
  };
}

/** Signs in on the app's sign-in screen and waits for its chat to connect. */
export async function signInApp(app: Page, user: { email: string; password: string }): Promise<void> {
  await app.getByTestId('signin-email').fill(user.email);
  await app.getByTestId('signin-password').fill(user.password);
  await app.getByTestId('signin-submit').click();
  await app.locator('[data-testid="chat-connection"][data-state="connected"]').waitFor({ timeout: 20_000 });
}
