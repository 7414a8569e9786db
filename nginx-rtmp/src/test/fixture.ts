import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { startNginx, type NginxHandle, type StartOptions } from '../nginx-process.js';
import { getFreePort } from '../ports.js';
import { startNotifyStub, type NotifyHandler, type NotifyStub } from './notify-stub.js';
import { startPublisher, type Publisher } from './publisher.js';

export const SECRET = 'test-secret-4f1c9a7e2b';

export interface Fixture {
  nginx: NginxHandle;
  stub: NotifyStub;
  workDir: string;
  /** Everything nginx wrote on stderr since start (error_log is stderr). */
  stderr: string[];
  unexpectedExits: unknown[];
  publish(name: string, seconds?: number): Publisher;
}

/**
 * One nginx on fresh ports with its own work dir and notify stub. Everything it starts is
 * stopped and removed when the current test finishes, pass or fail.
 */
export async function createFixture(handler: NotifyHandler, overrides: Partial<StartOptions> = {}): Promise<Fixture> {
  const cleanups: Array<() => Promise<void>> = [];
  onTestFinished(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });
  const workDir = await mkdtemp(join(tmpdir(), 'lait-nginx-test-'));
  cleanups.push(() => rm(workDir, { recursive: true, force: true }));
  const stub = await startNotifyStub(handler);
  cleanups.push(() => stub.close());
  const stderr: string[] = [];
  const unexpectedExits: unknown[] = [];
  const nginx = await startNginx({
    rtmpPort: await getFreePort(),
    hlsHttpPort: await getFreePort(),
    controlPort: await getFreePort(),
    notifyUrl: stub.url,
    notifySecret: SECRET,
    workDir,
    hlsDir: join(workDir, 'hls'),
    onLog: (line) => stderr.push(line),
    onUnexpectedExit: (event) => unexpectedExits.push(event),
    // The ladder's tests ask for it; elsewhere no trial encode and no transcoder (master.m3u8 still written).
    ladder: { capacity: 0 },
    ...overrides,
  });
  cleanups.push(() => nginx.stop());
  return {
    nginx,
    stub,
    workDir,
    stderr,
    unexpectedExits,
    publish(name, seconds) {
      const publisher = startPublisher(`${nginx.urls.rtmp}/${name}`, seconds);
      cleanups.push(() => publisher.stop());
      return publisher;
    },
  };
}
