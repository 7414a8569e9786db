import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, createTestDatabase, type TestDatabase, FakeIngest, startKakaoStandin, type KakaoStandin } from '@lait/server/testing';
import { freePort } from '@lait/testkit/ports';
import { AccountError } from './account-errors.js';
import { createAccountClient, type AccountClient } from './account-client.js';
import { createKakaoSignIn, type KakaoSignInOptions } from './kakao-loopback.js';

/** The system browser: follows redirects by hand and carries cookies per host, as a browser would. */
async function browse(start: string): Promise<{ url: string; status: number; body: string }> {
  const jars = new Map<string, Map<string, string>>();
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    const jar = jars.get(new URL(url).host) ?? new Map<string, string>();
    jars.set(new URL(url).host, jar);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(pair.slice(0, eq));
      else jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) return { url, status: res.status, body: await res.text() };
    url = new URL(location, url).toString();
  }
  throw new Error('too many redirects');
}

describe('Kakao sign-in through the system browser and a loopback redirect', () => {
  let kakao: KakaoStandin;
  let db: TestDatabase;
  let app: FastifyInstance;
  let site: string;

  beforeAll(async () => {
    kakao = await startKakaoStandin();
    db = await createTestDatabase('sqlite');
    const port = await freePort();
    site = `http://127.0.0.1:${port}`;
    const config = loadConfig({}, {
      NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, RTMP_NOTIFY_SECRET: 'test-notify-secret-0123456789',
      WEB_DIST_DIR: '', PUBLIC_URL: site, ...kakao.env(),
    });
    app = await buildApp({ config, ingest: new FakeIngest() });
    await app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await kakao?.close();
  });

  /** A sign-in whose browser is {@link browse}; `pages` gets where each browser run ended. */
  function setup(overrides: Partial<KakaoSignInOptions> = {}) {
    const account: AccountClient = createAccountClient({ serverUrl: site });
    const pages: Promise<{ url: string; status: number; body: string }>[] = [];
    const opened: string[] = [];
    const exchanges: { code: string; verifier: string }[] = [];
    const signIn = createKakaoSignIn({
      serverUrl: () => site,
      openExternal: (url) => {
        opened.push(url);
        pages.push(browse(url));
      },
      exchange: (code, verifier) => {
        exchanges.push({ code, verifier });
        return account.exchangeDesktopCode(code, verifier);
      },
      ...overrides,
    });
    return { account, signIn, pages, opened, exchanges };
  }

  const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as AccountError);

  it('signs in with the Kakao account, answers the browser with the bilingual page, and can then fetch a publish token', async () => {
    kakao.setUser({ id: 7001, nickname: '카카오방송인', email: 'caster@kakao.test', emailVerified: true });
    const { account, signIn, pages, opened } = setup();
    const status = await signIn.signIn();
    expect(status).toMatchObject({ signedIn: true, serverUrl: site, user: { nickname: '카카오방송인', email: 'caster@kakao.test' } });
    const start = new URL(opened[0]!);
    expect(`${start.origin}${start.pathname}`).toBe(`${site}/api/auth/kakao/desktop`);
    expect(start.searchParams.get('challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const page = await pages[0]!;
    expect(new URL(page.url).host).toBe(`127.0.0.1:${start.searchParams.get('port')}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('로그인되었습니다. 앱으로 돌아가세요');
    expect(page.body).toContain('Signed in, return to the app');
    const token = await account.publishToken();
    expect(token.streamKey.length).toBeGreaterThan(10);
    expect(account.status().signedIn).toBe(true);
  });

  it('refuses a callback with another state and keeps waiting for the real one', async () => {
    const forged: number[] = [];
    const { signIn, exchanges } = setup({
      openExternal: async (url) => {
        const port = new URL(url).searchParams.get('port');
        forged.push((await fetch(`http://127.0.0.1:${port}/callback?code=${'x'.repeat(43)}&state=not-this-one`)).status);
        void browse(url);
      },
    });
    const status = await signIn.signIn();
    expect(forged).toEqual([400]);
    expect(exchanges).toHaveLength(1);
    expect(status.signedIn).toBe(true);
  });

  it('is refused by the server when the verifier is not the one behind the challenge', async () => {
    const wrong = 'w'.repeat(43);
    const { account, signIn, pages } = setup({ exchange: (code) => createAccountClient({ serverUrl: site }).exchangeDesktopCode(code, wrong) });
    const err = await failure(signIn.signIn());
    expect(err.code).toBe('AUTH_DESKTOP_VERIFIER_MISMATCH');
    expect((await pages[0]!).body).toContain('로그인하지 못했습니다');
    expect(account.status().signedIn).toBe(false);
  });

  it('refuses the code a second time, and the loopback is closed after one use', async () => {
    const { signIn, exchanges, pages } = setup();
    await signIn.signIn();
    const { code, verifier } = exchanges[0]!;
    const replay = await failure(createAccountClient({ serverUrl: site }).exchangeDesktopCode(code, verifier));
    expect(replay.code).toBe('AUTH_DESKTOP_CODE_INVALID');
    await expect(fetch((await pages[0]!).url)).rejects.toThrow();
  });

  it('answers AUTH_KAKAO_CANCELLED when the user cancels at Kakao', async () => {
    kakao.setMode('cancel');
    try {
      const { signIn, pages, exchanges } = setup();
      const err = await failure(signIn.signIn());
      expect(err).toBeInstanceOf(AccountError);
      expect(err.code).toBe('AUTH_KAKAO_CANCELLED');
      expect((await pages[0]!).status).toBe(400);
      expect(exchanges).toHaveLength(0);
    } finally {
      kakao.setMode('consent');
    }
  });

  it('times out when the browser never comes back, and closes the listener', async () => {
    let port = '';
    const { signIn } = setup({ timeoutMs: 300, openExternal: (url) => void (port = new URL(url).searchParams.get('port')!) });
    const err = await failure(signIn.signIn());
    expect(err.code).toBe('AUTH_SIGNIN_TIMED_OUT');
    await expect(fetch(`http://127.0.0.1:${port}/callback`)).rejects.toThrow();
  });

  it('can be cancelled while it waits', async () => {
    let browserOpened: () => void = () => undefined;
    const waiting = new Promise<void>((resolve) => (browserOpened = resolve));
    const { signIn } = setup({ openExternal: () => browserOpened() });
    const pending = failure(signIn.signIn());
    await waiting;
    expect(signIn.cancel()).toBe(true);
    expect((await pending).code).toBe('AUTH_SIGNIN_CANCELLED');
    expect(signIn.cancel()).toBe(false);
  });

  it('answers SERVICE_UNAVAILABLE without opening a browser when the server is unreachable', async () => {
    const { signIn, opened } = setup({ serverUrl: () => 'http://127.0.0.1:1' });
    const err = await failure(signIn.signIn());
    expect(err.code).toBe('SERVICE_UNAVAILABLE');
    expect(opened).toEqual([]);
  });
});
