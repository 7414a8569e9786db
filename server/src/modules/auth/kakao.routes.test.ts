import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { startKakaoStandin, type KakaoStandin } from '../../test/kakao-standin.js';
import { useTestApp } from '../../test/test-app.js';
import { refreshCookieOf, signUp } from '../../test/users.js';

/** Follows the browser through Lait → Kakao → Lait, carrying cookies like a browser would. */
async function kakaoLogin(t: ReturnType<typeof useTestApp>, tamperState = false, nextQuery = 'next=/dashboard') {
  const start = await t.app.inject({ url: `/api/auth/kakao?${nextQuery}` });
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

  it('pre-hijack: an account signed up with the victim\'s email does not get the victim\'s Kakao login', async () => {
    const attacker = await signUp(t.app, 'hijacker');
    const victimEmail = attacker.email;
    kakao.setUser({ id: 222, nickname: '피해자', email: victimEmail, emailVerified: true });
    const res = await kakaoLogin(t);
    expect(res.headers.location).toBe('/dashboard?login=kakao&kakaoSeparate=1');
    const victim = (await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: refreshCookieOf(res.headers['set-cookie']) } })).json().user;
    expect(victim.id).not.toBe(attacker.id);
    expect(victim).toMatchObject({ nickname: '피해자', kakaoLinked: true, email: null });

    // The attacker's password opens only the attacker's own account, still without Kakao.
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: victimEmail, password: 'correct-horse-7' } });
    expect(login.json().user).toMatchObject({ id: attacker.id, kakaoLinked: false });
    // And the victim's next Kakao login is the same, own account.
    const again = await kakaoLogin(t);
    expect(again.headers.location).toBe('/dashboard?login=kakao');
    const next = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: refreshCookieOf(again.headers['set-cookie']) } });
    expect(next.json().user.id).toBe(victim.id);
  });

  it('links a Kakao-verified email to an account whose email is verified', async () => {
    const existing = await signUp(t.app, 'verifiedme');
    await t.app.db.query('UPDATE users SET email_verified = 1 WHERE id = ?', [existing.id]);
    kakao.setUser({ id: 223, nickname: '다른이름', email: existing.email, emailVerified: true });
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

  it('sends a hostile or broken `next` home, keeping the session it just issued', async () => {
    kakao.setUser({ id: 444, nickname: '돌아가기' });
    const hostile = [
      'next=/%09/evil.example', // browsers drop the tab: //evil.example
      'next=/%2509/evil.example', // the same, once more encoded
      'next=//evil.example', 'next=/%5Cevil.example', 'next=/%2F%2Fevil.example', 'next=https://evil.example',
      'next=/a%0D%0ASet-Cookie:%20x=1', 'next=/a%00b', 'next=/%EC%B1%84%EB%84%90', 'next=/%ED%A0%80', 'next=/a%25',
    ];
    for (const query of hostile) {
      const res = await kakaoLogin(t, false, query);
      expect(res.statusCode, query).toBe(302);
      expect(res.headers.location, query).toBe('/?login=kakao');
      const me = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: refreshCookieOf(res.headers['set-cookie']) } });
      expect(me.statusCode, query).toBe(200);
    }
    const fine = await kakaoLogin(t, false, `next=${encodeURIComponent('/c/some-channel?tab=chat&q=%ED%95%9C')}`);
    expect(fine.headers.location).toBe('/c/some-channel?tab=chat&q=%ED%95%9C&login=kakao');
  });
});
