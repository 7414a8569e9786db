import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SERVER_ENTRY } from './paths.js';
import { freePort, waitFor } from './ports.js';
import { TEST_ENV } from './env.js';

export interface BareServer {
  url: string;
  log(): string;
  /** SIGTERM (graceful) by default; SIGKILL to crash it. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
  cleanup(): void;
}

/** One `node server/dist/server.js` without nginx, on a free port with its own data directory. */
export async function startBareServer(env: Record<string, string>): Promise<BareServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lait-e2e-bare-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const fullEnv = {
    PATH: TEST_ENV.path,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    PUBLIC_URL: url,
    WEB_DIST_DIR: '',
    ...env,
  };
  let log = '';
  let child: ChildProcess | null = null;
  const server: BareServer = {
    url,
    log: () => log,
    async start() {
      const c = spawn(process.execPath, [SERVER_ENTRY], { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      c.stdout?.on('data', (d: Buffer) => (log += d.toString()));
      c.stderr?.on('data', (d: Buffer) => (log += d.toString()));
      child = c;
      await waitFor('the server to answer /api/health', async () => {
        if (c.exitCode !== null) throw new Error(`server exited with ${c.exitCode}:\n${log.slice(-2000)}`);
        return (await fetch(`${url}/api/health`)).ok;
      }, 30_000);
    },
    async stop(signal = 'SIGTERM') {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill(signal);
      await exited;
    },
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
  await server.start();
  return server;
}
