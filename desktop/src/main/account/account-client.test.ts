import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccountClient } from './account-client.js';
import { createMemorySessionStore } from './session-store.js';
import { createPublishCredentials } from './publish-credentials.js';

/** A stand-in for the Lait auth API: one user, rotating refresh cookie, expiring access tokens. */
async function fakeServer() {
  const state = { access: 'a1', refresh: 'r1', refreshCalls: 0, seenCookies: [] as string[] };
  const json = (res: ServerResponse, status: number, body: unknown, cookie?: string) => {
    res.writeHead(status, { 'content-type': 'application/json', ...(cookie && { 'set-cookie': cookie }) });
    res.end(JSON.stringify(body));
  };
  const user = { id: 7, nickname: '라잇', email: 'a@lait.test', kakaoLinked: false, createdAt: new Date(0).toISOString() };
  const channel = { slug: 'lait-ch', title: '방송', category: null, live: false, viewerCount: 3, liveSince: null };
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, string>) : {};
      state.seenCookies.push(req.headers.cookie ?? '');
      const bearer = req.headers.authorization === `Bearer ${state.access}`;
      if (req.url === '/api/auth/login') {
        if (body.password !== 'right-password') return json(res, 401, { code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong email or password' });
        return json(res, 200, { user, accessToken: state.access }, `lait_rt=${state.refresh}; Path=/api/auth; HttpOnly; SameSite=Strict`);
      }
      if (req.url === '/api/auth/refresh') {
        state.refreshCalls += 1;
        if (req.headers.cookie !== `lait_rt=${state.refresh}`) return json(res, 401, { code: 'AUTH_TOKEN_INVALID', message: 'no' });
        state.refresh = `r${state.refreshCalls + 1}`;
        state.access = `a${state.refreshCalls + 1}`;
        return json(res, 200, { user, accessToken: state.access }, `lait_rt=${state.refresh}; Path=/api/auth; HttpOnly`);
      }
      if (req.url === '/api/auth/logout') return json(res, 204, null, 'lait_rt=; Max-Age=0; Path=/api/auth');
      if (req.url === '/api/channels/lait-ch') return json(res, 200, { ...channel, viewerCount: 5 });
      if (!bearer) return json(res, 401, { code: 'AUTH_TOKEN_EXPIRED', message: 'expired' });
      if (req.url === '/api/me') return json(res, 200, { user, channel });
      if (req.url === '/api/me/channel/publish-token') {
        return json(res, 200, { token: `pt_${state.access}`, rtmpUrl: 'rtmp://127.0.0.1:1935/live', expiresAt: new Date(Date.now() + 600_000).toISOString() });
      }
      json(res, 404, { code: 'NOT_FOUND', message: 'nope' });
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe('account client', () => {
  it('signs in, keeps the refresh token in its store, refreshes once on an expired access token', async () => {
    const srv = await fakeServer();
    close = srv.close;
    const store = createMemorySessionStore();
    const client = createAccountClient({ serverUrl: srv.url, store });
    expect(await client.login('a@lait.test', 'right-password')).toEqual({
      signedIn: true, serverUrl: srv.url, user: { id: 7, nickname: '라잇', email: 'a@lait.test' },
    });
    expect(await store.load(srv.url)).toBe('r1');
    srv.state.access = 'rotated-elsewhere';
    const ch = await client.channel();
    expect(ch).toMatchObject({ slug: 'lait-ch', viewerCount: 3, watchUrl: `${srv.url}/c/lait-ch` });
    expect(srv.state.refreshCalls).toBe(1);
    expect(await store.load(srv.url)).toBe('r2');
    // Once the slug is known the public endpoint is polled.
    expect((await client.channel()).viewerCount).toBe(5);
    const token = await client.publishToken();
    expect(token.streamKey).toBe(`pt_${srv.state.access}`);
    expect(await client.logout()).toMatchObject({ signedIn: false });
    expect(await store.load(srv.url)).toBeNull();
  });

  it('restores a session from a stored refresh token', async () => {
    const srv = await fakeServer();
    close = srv.close;
    const store = createMemorySessionStore();
    await store.save(srv.url, 'r1');
    const client = createAccountClient({ serverUrl: srv.url, store });
    expect((await client.restore()).signedIn).toBe(true);
  });

  it('answers wrong credentials, no session and an unreachable server with their codes', async () => {
    const srv = await fakeServer();
    close = srv.close;
    const client = createAccountClient({ serverUrl: srv.url });
    await expect(client.login('a@lait.test', 'wrong')).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    await expect(client.publishToken()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const dead = createAccountClient({ serverUrl: 'http://127.0.0.1:1', timeoutMs: 2000 });
    await expect(dead.login('a@lait.test', 'x')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('keeps one session per server URL: never sent to another server, back when the app points back', async () => {
    const srv = await fakeServer();
    const other = await fakeServer();
    close = async () => {
      await srv.close();
      await other.close();
    };
    const store = createMemorySessionStore();
    const client = createAccountClient({ serverUrl: srv.url, store });
    await client.login('a@lait.test', 'right-password');
    await client.setServerUrl(other.url);
    expect(client.status()).toMatchObject({ signedIn: false, serverUrl: other.url });
    expect(other.state.seenCookies.filter((c) => c.includes('lait_rt'))).toEqual([]);
    expect(await store.load(srv.url)).toBe('r1');
    expect(await store.load(other.url)).toBeNull();
    await client.setServerUrl(`${srv.url}/`);
    expect(client.status()).toMatchObject({ signedIn: true, serverUrl: srv.url });
  });
});

describe('publish credentials', () => {
  it('renews a token on reconnect only once it is about to expire', async () => {
    let n = 0;
    let clock = 0;
    const creds = createPublishCredentials({
      publishToken: async () => ({ rtmpUrl: 'rtmp://h/live', streamKey: `t${++n}`, expiresAt: clock + 60_000 }),
    }, () => clock);
    expect((await creds.fresh()).streamKey).toBe('t1');
    expect(await creds.renew()).toBeNull();
    clock = 50_000;
    expect((await creds.renew())?.streamKey).toBe('t2');
  });
});
