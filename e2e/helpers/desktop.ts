import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Settings } from '@lait/shared';
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
