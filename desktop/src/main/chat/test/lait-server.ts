import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { call, connect, until as serverUntil, type ChatClient } from '@lait/server/testing';
import { startBareServer } from '@lait/testkit/bare-server';
import { ROOT, SERVER_ENTRY } from '@lait/testkit/paths';

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
  const server = await startBareServer({});
  const { url } = server;
  let users = 0;
  return {
    url,
    port: Number(new URL(url).port),
    log: () => server.log(),
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
      await server.stop();
      server.cleanup();
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
