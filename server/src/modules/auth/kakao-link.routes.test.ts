import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { startKakaoStandin, type KakaoStandin } from '../../test/kakao-standin.js';
import { useTestApp, type TestApp } from '../../test/test-app.js';
import { bearer, refreshCookieOf, signUp, type TestUser } from '../../test/users.js';

/** The dashboard's "Link Kakao": the API answers Kakao's URL, the browser goes there and comes back. */
async function linkKakao(t: TestApp, user: TestUser) {
  const start = await t.app.inject({ method: 'POST', url: '/api/auth/kakao/link', headers: bearer(user) });
  expect(start.statusCode).toBe(200);
  const stateCookie = [start.headers['set-cookie']].flat().find((c) => c?.startsWith('lait_oauth='))!.split(';')[0]!;
  const authorize = await fetch(start.json().url, { redirect: 'manual' });
  const back = new URL(authorize.headers.get('location')!);
  const callback = await t.app.inject({ url: `${back.pathname}${back.search}`, headers: { cookie: stateCookie } });
  expect(callback.statusCode).toBe(302);
  return callback.headers.location;
}

async function kakaoLogin(t: TestApp) {
  const start = await t.app.inject({ url: '/api/auth/kakao' });
  const stateCookie = [start.headers['set-cookie']].flat().find((c) => c?.startsWith('lait_oauth='))!.split(';')[0]!;
  const back = new URL((await fetch(start.headers.location!, { redirect: 'manual' })).headers.get('location')!);
  const res = await t.app.inject({ url: `${back.pathname}${back.search}`, headers: { cookie: stateCookie } });
  return (await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: refreshCookieOf(res.headers['set-cookie']) } })).json().user;
}

const me = async (t: TestApp, user: TestUser) => (await t.app.inject({ url: '/api/me', headers: bearer(user) })).json().user;

describe.each(DATABASE_KINDS)('linking Kakao from the dashboard (%s)', (kind) => {
  let kakao: KakaoStandin;
  beforeAll(async () => {
    kakao = await startKakaoStandin();
  });
  afterAll(async () => kakao.close());
  const t = useTestApp(kind, () => kakao.env());

  it('links Kakao to the signed-in account, and Kakao login opens it from then on', async () => {
    const user = await signUp(t.app, 'linker');
    kakao.setUser({ id: 5001, nickname: '링커', email: user.email, emailVerified: true });
    expect(await linkKakao(t, user)).toBe('/dashboard?kakaoLink=linked');
    expect(await me(t, user)).toMatchObject({ kakaoLinked: true });
    expect((await kakaoLogin(t)).id).toBe(user.id);
  });

  it('refuses a Kakao account that already has its own Lait account', async () => {
    kakao.setUser({ id: 5002, nickname: '먼저가입', email: 'first@kakao.test', emailVerified: true });
    const own = await kakaoLogin(t);
    const user = await signUp(t.app, 'latecomer');
    expect(await linkKakao(t, user)).toBe('/dashboard?kakaoLink=AUTH_KAKAO_TAKEN');
    expect(await me(t, user)).toMatchObject({ kakaoLinked: false });
    expect((await kakaoLogin(t)).id).toBe(own.id);
  });

  it('reports a cancel at Kakao on the dashboard and links nothing', async () => {
    const user = await signUp(t.app, 'canceller');
    kakao.setMode('cancel');
    try {
      expect(await linkKakao(t, user)).toBe('/dashboard?kakaoLink=AUTH_KAKAO_CANCELLED');
    } finally {
      kakao.setMode('consent');
    }
    expect(await me(t, user)).toMatchObject({ kakaoLinked: false });
  });

  it('needs a signed-in session that is still live', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/auth/kakao/link' });
    expect(anonymous.statusCode).toBe(401);
    const user = await signUp(t.app, 'loggedout');
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: user.refreshCookie }, payload: { everywhere: true } });
    const afterLogout = await t.app.inject({ method: 'POST', url: '/api/auth/kakao/link', headers: bearer(user) });
    expect(afterLogout.statusCode).toBe(401);
    expect(afterLogout.json().code).toBe('AUTH_TOKEN_INVALID');
  });
});
