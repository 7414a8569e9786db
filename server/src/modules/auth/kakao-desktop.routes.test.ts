import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { startKakaoStandin, type KakaoStandin } from '../../test/kakao-standin.js';
import { useTestApp, type TestApp } from '../../test/test-app.js';
import { bearer, refreshCookieOf, signUp } from '../../test/users.js';

const PORT = 49152;

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), state: randomBytes(16).toString('base64url') };
}

/** The system browser: the app's start URL → Kakao (stand-in) → Lait's callback; answers where it sends the browser next. */
async function browserFlow(t: TestApp, p = pkce(), opts: { tamperState?: boolean } = {}) {
  const start = await t.app.inject({ url: `/api/auth/kakao/desktop?port=${PORT}&state=${p.state}&challenge=${p.challenge}` });
  expect(start.statusCode).toBe(302);
  const stateCookie = [start.headers['set-cookie']].flat().find((c) => c?.startsWith('lait_oauth='))!.split(';')[0]!;
  const authorize = await fetch(start.headers.location!, { redirect: 'manual' });
  expect(authorize.status).toBe(302);
  const back = new URL(authorize.headers.get('location')!);
  if (opts.tamperState) back.searchParams.set('state', 'forged-state');
  const callback = await t.app.inject({ url: `${back.pathname}${back.search}`, headers: { cookie: stateCookie } });
  expect(callback.statusCode).toBe(302);
  return { ...p, loopback: new URL(callback.headers.location!) };
}

const exchange = (t: TestApp, code: string, verifier: string, ip?: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/desktop/exchange', payload: { code, verifier }, ...(ip && { headers: { 'x-forwarded-for': ip } }) });

describe.each(DATABASE_KINDS)('desktop Kakao sign-in (%s)', (kind) => {
  let kakao: KakaoStandin;
  beforeAll(async () => {
    kakao = await startKakaoStandin();
  });
  afterAll(async () => kakao.close());
  // inject() connects from 127.0.0.1: as a trusted proxy, its X-Forwarded-For names the client.
  const t = useTestApp(kind, () => ({ ...kakao.env(), TRUST_PROXY: '127.0.0.1' }));

  it.each([
    ['a port below 1024', `port=80&state=${'s'.repeat(16)}&challenge=${'c'.repeat(43)}`],
    ['a port that is not a number', `port=abc&state=${'s'.repeat(16)}&challenge=${'c'.repeat(43)}`],
    ['a port above 65535', `port=70000&state=${'s'.repeat(16)}&challenge=${'c'.repeat(43)}`],
    ['no challenge', `port=${PORT}&state=${'s'.repeat(16)}`],
    ['a challenge that is not S256 base64url', `port=${PORT}&state=${'s'.repeat(16)}&challenge=${'c'.repeat(42)}=`],
    ['a short state', `port=${PORT}&state=abc&challenge=${'c'.repeat(43)}`],
    ['a state with a URL in it', `port=${PORT}&state=${encodeURIComponent('https://evil.test/')}&challenge=${'c'.repeat(43)}`],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_what, query) => {
    const res = await t.app.inject({ url: `/api/auth/kakao/desktop?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('runs Kakao with its own state and PKCE, then sends the browser to 127.0.0.1 with a one-time code and the app\'s state', async () => {
    kakao.setMode('consent');
    kakao.setUser({ id: 9001, nickname: '데스크톱카카오', email: 'desk@kakao.test', emailVerified: true });
    const flow = await browserFlow(t);
    expect(`${flow.loopback.origin}${flow.loopback.pathname}`).toBe(`http://127.0.0.1:${PORT}/callback`);
    expect(flow.loopback.searchParams.get('state')).toBe(flow.state);
    const code = flow.loopback.searchParams.get('code')!;
    expect(code.length).toBeGreaterThanOrEqual(43);

    const res = await exchange(t, code, flow.verifier);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ nickname: '데스크톱카카오', kakaoLinked: true });
    const cookie = refreshCookieOf(res.headers['set-cookie']);
    expect(cookie).toMatch(/^lait_rt=.+/);
    const token = await t.app.inject({ method: 'POST', url: '/api/me/channel/publish-token', headers: bearer(res.json()) });
    expect(token.statusCode).toBe(200);
    const refreshed = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie } });
    expect(refreshed.json().user.nickname).toBe('데스크톱카카오');
  });

  it('refuses a code presented twice and signs out the session the first exchange made', async () => {
    const flow = await browserFlow(t);
    const code = flow.loopback.searchParams.get('code')!;
    const first = await exchange(t, code, flow.verifier);
    expect(first.statusCode).toBe(200);
    const again = await exchange(t, code, flow.verifier);
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('AUTH_DESKTOP_CODE_INVALID');
    const refresh = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: refreshCookieOf(first.headers['set-cookie']) } });
    expect(refresh.statusCode).toBe(401);
  });

  it('refuses a wrong verifier, and the code is spent by the attempt', async () => {
    const flow = await browserFlow(t);
    const code = flow.loopback.searchParams.get('code')!;
    const wrong = await exchange(t, code, pkce().verifier);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('AUTH_DESKTOP_VERIFIER_MISMATCH');
    const right = await exchange(t, code, flow.verifier);
    expect(right.json().code).toBe('AUTH_DESKTOP_CODE_INVALID');
  });

  it('refuses a code after its 60 s and an unknown code', async () => {
    const flow = await browserFlow(t);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    try {
      const late = await exchange(t, flow.loopback.searchParams.get('code')!, flow.verifier);
      expect(late.statusCode).toBe(401);
      expect(late.json()).toMatchObject({ code: 'AUTH_DESKTOP_CODE_INVALID', message: expect.stringContaining('expired') });
    } finally {
      vi.useRealTimers();
    }
    const unknown = await exchange(t, randomBytes(32).toString('base64url'), flow.verifier);
    expect(unknown.json().code).toBe('AUTH_DESKTOP_CODE_INVALID');
  });

  it('refuses a malformed exchange body with 400, never 500', async () => {
    for (const payload of [{}, { code: 'short', verifier: pkce().verifier }, { code: 'x'.repeat(43), verifier: 'too-short' }, { code: 'x'.repeat(43), verifier: pkce().verifier, extra: 1 }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/desktop/exchange', payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('sends the user cancelling at Kakao back to the app as error=access_denied with its state', async () => {
    kakao.setMode('cancel');
    try {
      const flow = await browserFlow(t);
      expect(flow.loopback.searchParams.get('error')).toBe('access_denied');
      expect(flow.loopback.searchParams.get('state')).toBe(flow.state);
      expect(flow.loopback.searchParams.has('code')).toBe(false);
    } finally {
      kakao.setMode('consent');
    }
  });

  it('answers a callback whose Kakao state does not match with error=state_mismatch, and issues no code', async () => {
    const flow = await browserFlow(t, pkce(), { tamperState: true });
    expect(flow.loopback.host).toBe(`127.0.0.1:${PORT}`);
    expect(flow.loopback.searchParams.get('error')).toBe('state_mismatch');
    expect(flow.loopback.searchParams.has('code')).toBe(false);
  });

  it('pre-hijack: the desktop sign-in of a Kakao user never opens an account signed up with their email', async () => {
    const attacker = await signUp(t.app, 'deskhijack');
    kakao.setUser({ id: 9002, nickname: '데스크피해자', email: attacker.email, emailVerified: true });
    const flow = await browserFlow(t);
    const res = await exchange(t, flow.loopback.searchParams.get('code')!, flow.verifier);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).not.toBe(attacker.id);
    expect(res.json().user).toMatchObject({ nickname: '데스크피해자', kakaoLinked: true });
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: attacker.email, password: 'correct-horse-7' } });
    expect(login.json().user).toMatchObject({ id: attacker.id, kakaoLinked: false });
  });

  it('rate-limits exchanges per client address behind a trusted proxy', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < t.config.rateLimits.loginPerMin + 1; i++) {
      statuses.push((await exchange(t, randomBytes(32).toString('base64url'), pkce().verifier, '203.0.113.7')).statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
  });
});

describe('desktop Kakao sign-in without KAKAO_CLIENT_ID', () => {
  const t = useTestApp('sqlite');

  it('sends the browser back to the app with error=unavailable', async () => {
    const p = pkce();
    const res = await t.app.inject({ url: `/api/auth/kakao/desktop?port=${PORT}&state=${p.state}&challenge=${p.challenge}` });
    expect(res.statusCode).toBe(302);
    const to = new URL(res.headers.location!);
    expect(`${to.origin}${to.pathname}`).toBe(`http://127.0.0.1:${PORT}/callback`);
    expect(to.searchParams.get('error')).toBe('unavailable');
  });
});
