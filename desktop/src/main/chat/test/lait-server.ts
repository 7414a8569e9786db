import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call, connect, until as serverUntil, type ChatClient } from '../../../../../server/src/modules/chat/test/chat-clients.js';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const SERVER_ENTRY = join(ROOT, 'server/dist/server.js');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });

/** The server tests' poll, with a longer default: these tests go through a separate process. */
export const until = (what: string, fn: () => boolean | Promise<boolean>, timeoutMs = 10_000) => serverUntil(what, fn, timeoutMs);

/**
 * The real Lait server (`server/dist/server.js`, built first if missing) on SQLite in a temp
 * folder and a free port: the relay talks to the same Socket.IO chat the site uses.
 */
export async function startLaitServer() {
  if (!existsSync(SERVER_ENTRY)) {
    const res = spawnSync('npm', ['run', 'build', '-w', 'server'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    if (res.status !== 0) throw new Error(`server build failed:\n${res.stdout}${res.stderr}`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'lait-desktop-chat-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [SERVER_ENTRY], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, PUBLIC_URL: url, WEB_DIST_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  await until('the server to answer /api/health', async () => {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log.slice(-2000)}`);
    return fetch(`${url}/api/health`).then((r) => r.ok, () => false);
  }, 30_000);
  let users = 0;
  return {
    url,
    port,
    log: () => log,
    /** A new account through the real signup: its credentials, token, id and channel slug. */
    async signUp(nickname: string) {
      const email = `u${++users}x${process.pid}@lait.test`;
      const password = 'violet-harbor-2026';
      const res = await fetch(`${url}/api/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password, nickname }) });
      if (res.status !== 201) throw new Error(`signup ${res.status}: ${await res.text()}`);
      const { accessToken, user } = (await res.json()) as { accessToken: string; user: { id: number } };
      const me = (await (await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { channel: { slug: string } };
      return { email, password, accessToken, id: user.id, slug: me.channel.slug };
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type ViewerSocket = ChatClient & { deleted: string[] };

/** A viewer's plain Socket.IO client, as the site's chat uses (the server tests' client, plus deletions). */
export async function connectViewer(url: string, token: string): Promise<ViewerSocket> {
  const socket = (await connect(url, token)) as ViewerSocket;
  socket.deleted = [];
  socket.on('chat:deleted', (p) => socket.deleted.push(...p.ids));
  return socket;
}

export { call };
