import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { startKakaoStandin, type KakaoStandin } from '../../test/kakao-standin.js';
import { useTestApp } from '../../test/test-app.js';
import { refreshCookieOf, signUp } from '../../test/users.js';

/** Follows the browser through Lait → Kakao → Lait, carrying cookies like a browser would. */
async function kakaoLogin(t: ReturnType<typeof useTestApp>, tamperState = false) {
  const start = await t.app.inject({ url: '/api/auth/kakao?next=/dashboard' });
  expect(start.statusCode).toBe(302);
  const stateCookie = [start.headers['set-cookie']].flat().find((c) => c?.startsWith('lait_oauth='))!.split(';')[0]!;
  const authorize = await fetch(start.headers.location!, { redirect: 'manual' });
  expect(authorize.status).toBe(302);
  const back = new URL(authorize.headers.get('location')!);
  if (tamperState) back.searchParams.set('state', 'forged-state');
  return t.app.inject({ url: `${back.pathname}${back.search}`, headers: { cookie: stateCookie } });
}

describe.each(DATABASE_KINDS)('Kakao login (%s)', (kind) => {
  let kakao: KakaoStandin;
  beforeAll(async () => {
    kakao = await startKakaoStandin();
  });
  afterAll(async () => kakao.close());
  const t = useTestApp(kind, () => kakao.env());

  it('redirects to Kakao with state and a PKCE S256 challenge', async () => {
    const res = await t.app.inject({ url: '/api/auth/kakao' });
    const to = new URL(res.headers.location!);
    expect(`${to.origin}${to.pathname}`).toBe(`${kakao.url}/oauth/authorize`);
    expect(to.searchParams.get('state')!.length).toBeGreaterThan(16);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('redirect_uri')).toBe('http://localhost:3000/api/auth/kakao/callback');
  });

  it('creates the user and channel on first login, finds them on the next, and sets the refresh cookie', async () => {
    kakao.setUser({ id: 111, nickname: '라잇팬', email: 'fan@kakao.test', emailVerified: true });
    const first = await kakaoLogin(t);
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe('/dashboard?login=kakao');
    const cookie = refreshCookieOf(first.headers['set-cookie']);
    const refreshed = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie } });
    expect(refreshed.statusCode).toBe(200);
    const user = refreshed.json().user;
    expect(user).toMatchObject({ nickname: '라잇팬', kakaoLinked: true, email: 'fan@kakao.test' });

    const second = await kakaoLogin(t);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: refreshCookieOf(second.headers['set-cookie']) } });
    expect(again.json().user.id).toBe(user.id);
    expect(kakao.requests).toContain('POST /oauth/token');
    expect(kakao.requests).toContain('GET /v2/user/me');
  });

  it('links a Kakao-verified email to the existing email account', async () => {
    const existing = await signUp(t.app, 'linkme');
    kakao.setUser({ id: 222, nickname: '다른이름', email: existing.email, emailVerified: true });
    const res = await kakaoLogin(t);
    const me = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: refreshCookieOf(res.headers['set-cookie']) } });
    expect(me.json().user).toMatchObject({ id: existing.id, kakaoLinked: true });
  });

  it('does not link an unverified email: a new account is made instead', async () => {
    const existing = await signUp(t.app, 'nolink');
    kakao.setUser({ id: 333, nickname: 'nolink', email: existing.email, emailVerified: false });
    const res = await kakaoLogin(t);
    const me = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: refreshCookieOf(res.headers['set-cookie']) } });
    expect(me.json().user.id).not.toBe(existing.id);
    expect(me.json().user.nickname).not.toBe('nolink');
  });

  it('refuses a callback whose state does not match, and one with no state cookie', async () => {
    const forged = await kakaoLogin(t, true);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('AUTH_OAUTH_STATE_MISMATCH');
    const noCookie = await t.app.inject({ url: '/api/auth/kakao/callback?code=x&state=y' });
    expect(noCookie.json().code).toBe('AUTH_OAUTH_STATE_MISMATCH');
  });
});
