import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { useTestApp } from '../../test/test-app.js';
import { bearer, refreshCookieOf, signUp } from '../../test/users.js';

describe.each(DATABASE_KINDS)('accounts (%s)', (kind) => {
  const t = useTestApp(kind, { ACCESS_TOKEN_TTL_SEC: '60' });

  it('signs up with a Hangul nickname, sets an httpOnly SameSite refresh cookie and answers { user, accessToken }', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/signup', payload: { email: 'Haneul@Lait.test', password: 'sky-blue-2026', nickname: '하늘이' } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({ nickname: '하늘이', email: 'haneul@lait.test', kakaoLinked: false });
    expect(body.accessToken.split('.')).toHaveLength(3);
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('lait_rt='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    const me = await t.app.inject({ url: '/api/me', headers: bearer(body) });
    expect(me.statusCode).toBe(200);
    expect(me.json().channel).toMatchObject({ hasStreamKey: false, live: false });
    expect(me.json().channel.title).toContain('하늘이');
  });

  it('explains each sign-up refusal with its own code, the field it is about and, for a weak password, which rule', async () => {
    await signUp(t.app, 'taken_nick');
    const cases: Array<[Record<string, string>, number, string, string, string?]> = [
      [{ email: 'taken_nick@lait.test', password: 'correct-horse-7', nickname: 'other1' }, 409, 'AUTH_EMAIL_TAKEN', 'email'],
      [{ email: 'new1@lait.test', password: 'correct-horse-7', nickname: 'taken_nick' }, 409, 'AUTH_NICKNAME_TAKEN', 'nickname'],
      [{ email: 'new2@lait.test', password: 'password123', nickname: 'fresh2' }, 400, 'AUTH_WEAK_PASSWORD', 'password', 'common'],
      [{ email: 'new3@lait.test', password: 'abcdefgh', nickname: 'fresh3' }, 400, 'AUTH_WEAK_PASSWORD', 'password', 'one-kind'],
      [{ email: 'fresh7abc@lait.test', password: 'fresh7abc!1', nickname: 'fresh7' }, 400, 'AUTH_WEAK_PASSWORD', 'password', 'contains-email'],
      [{ email: 'not-an-email', password: 'correct-horse-7', nickname: 'fresh4' }, 400, 'VALIDATION_FAILED', 'email'],
      [{ email: 'new5@lait.test', password: 'short1', nickname: 'fresh5' }, 400, 'VALIDATION_FAILED', 'password'],
      [{ email: 'new6@lait.test', password: 'correct-horse-7', nickname: '공 백' }, 400, 'VALIDATION_FAILED', 'nickname'],
      [{ email: 'new8@lait.test', password: 'correct-horse-7' }, 400, 'VALIDATION_FAILED', 'nickname'],
    ];
    for (const [payload, status, code, field, reason] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/signup', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json(), JSON.stringify(payload)).toMatchObject({ code, field, ...(reason ? { reason } : {}) });
      expect(res.json().message.length).toBeGreaterThan(5);
    }
  });

  it('logs in with the right password only, with the same error for an unknown email', async () => {
    const u = await signUp(t.app);
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: 'correct-horse-7' } });
    expect(ok.statusCode).toBe(200);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: 'wrong-horse-7' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@lait.test', password: 'wrong-horse-7' } });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('rotates the refresh token, and reusing a spent one revokes the whole family', async () => {
    const u = await signUp(t.app);
    const r1 = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: u.refreshCookie } });
    expect(r1.statusCode).toBe(200);
    const second = refreshCookieOf(r1.headers['set-cookie']);
    expect(second).not.toBe(u.refreshCookie);
    // The first token again: theft or replay.
    const replay = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: u.refreshCookie } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('AUTH_REFRESH_REUSED');
    // The legitimate newer token is revoked with its family.
    const after = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: second } });
    expect(after.statusCode).toBe(401);
  });

  it('logout revokes this device; logout everywhere revokes every session', async () => {
    const u = await signUp(t.app);
    const other = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: 'correct-horse-7' } });
    const otherCookie = refreshCookieOf(other.headers['set-cookie']);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: u.refreshCookie } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: u.refreshCookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: otherCookie } })).statusCode).toBe(200);

    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: 'correct-horse-7' } });
    const third = refreshCookieOf(again.headers['set-cookie']);
    const fresh = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: 'correct-horse-7' } });
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: third }, payload: { everywhere: true } });
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: refreshCookieOf(fresh.headers['set-cookie']) } })).statusCode).toBe(401);
  });

  it('refuses missing, tampered and expired access tokens', async () => {
    const u = await signUp(t.app);
    expect((await t.app.inject({ url: '/api/me' })).json().code).toBe('UNAUTHORIZED');
    const [h, p, s] = u.accessToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: String(u.id + 1) })).toString('base64url');
    const tampered = await t.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${h}.${forged}.${s}` } });
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json().code).toBe('AUTH_TOKEN_INVALID');
    // Issued two minutes ago for one minute: expired now, without waiting for it.
    const expired = t.app.jwt.sign({ sub: String(u.id), nick: u.nickname }, { expiresIn: 60, clockTimestamp: Date.now() - 120_000 });
    const res = await t.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${expired}` } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_TOKEN_EXPIRED');
  });
});
