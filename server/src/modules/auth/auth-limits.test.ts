import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { until } from '../chat/test/chat-clients.js';
import { useTestApp, type TestApp } from '../../test/test-app.js';
import { signUp } from '../../test/users.js';

const LIMITS = { RATE_LIMIT_LOGIN_PER_MIN: '3', RATE_LIMIT_LOGIN_ADDRESS_PER_MIN: '6', LOGIN_LOCKOUT_AFTER: '50' };
/** A distinct client address per number. */
const addressNo = (n: number) => `10.1.${(n >> 8) & 255}.${n & 255}`;
const randomEmail = () => `spray-${randomBytes(6).toString('hex')}@lait.test`;

/** One login attempt; `from` goes in X-Forwarded-For (believed only from a trusted proxy). */
const login = (t: TestApp, email: string, password = 'wrong-password-1', from?: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, ...(from && { headers: { 'x-forwarded-for': from } }) });

describe('login limits for direct clients (no TRUST_PROXY)', () => {
  const t = useTestApp('sqlite', LIMITS);

  it('does not let a spoofed X-Forwarded-For reset the per-address limit of a login spray', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login(t, randomEmail(), undefined, `198.51.100.${i + 1}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
  });
});

describe('sign-up and desktop exchange limits for direct clients (no TRUST_PROXY)', () => {
  const t = useTestApp('sqlite', { ...LIMITS, RATE_LIMIT_SIGNUP_PER_HOUR: '2' });

  it('does not let a spoofed X-Forwarded-For reset the sign-up limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const nickname = `spoof${randomBytes(3).toString('hex')}`;
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/signup', headers: { 'x-forwarded-for': `198.51.100.${i + 1}` }, payload: { email: `${nickname}@lait.test`, password: 'correct-horse-7', nickname } });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([201, 201, 429]);
  });

  it('does not let a spoofed X-Forwarded-For reset the desktop exchange limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const payload = { code: randomBytes(32).toString('base64url'), verifier: randomBytes(32).toString('base64url') };
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/auth/desktop/exchange', headers: { 'x-forwarded-for': `198.51.100.${i + 1}` }, payload })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe('login limits behind a trusted proxy (TRUST_PROXY=127.0.0.1)', () => {
  const t = useTestApp('sqlite', { ...LIMITS, TRUST_PROXY: '127.0.0.1' });

  it("honours the proxy's X-Forwarded-For: each client has its own budget", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login(t, randomEmail(), undefined, `192.0.2.${i + 1}`)).statusCode);
    expect(statuses.every((s) => s === 401)).toBe(true);
  });

  it('limits a login spray over many emails from one client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login(t, randomEmail(), undefined, '203.0.113.50')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
  });

  it('limits one client on one account sooner, and leaves its other accounts alone', async () => {
    const target = randomEmail();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await login(t, target, undefined, '203.0.113.60'));
    expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 401, 429]);
    expect(answers[3]!.json().code).toBe('RATE_LIMITED');
    expect(Number(answers[3]!.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(t, target.toUpperCase(), undefined, '203.0.113.60')).statusCode).toBe(429);
    expect((await login(t, randomEmail(), undefined, '203.0.113.60')).statusCode).toBe(401);
  });
});

describe.each([
  ['in process', {}],
  ['in Redis', { REDIS_URL: 'redis://127.0.0.1:6379' }],
])('per-account back-off (%s)', (_where, env) => {
  const t = useTestApp('sqlite', { ...env, TRUST_PROXY: '127.0.0.1', LOGIN_LOCKOUT_AFTER: '3', LOGIN_LOCKOUT_BASE_SEC: '1', LOGIN_LOCKOUT_MAX_SEC: '60' });

  it('locks an account that many addresses guess at, even for the right password, and doubles the lock', async () => {
    const user = await signUp(t.app);
    for (let i = 1; i <= 3; i++) expect((await login(t, user.email, undefined, `198.51.100.${i}`)).statusCode).toBe(401);

    const locked = await login(t, user.email, 'correct-horse-7', '198.51.100.200');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'AUTH_LOCKED_OUT', message: expect.stringContaining('1 s') });
    expect(locked.headers['retry-after']).toBe('1');

    // Each poll from a new address, so the per-address limits stay out of the way.
    // Refused attempts while locked cost nothing and count nothing; the first one after the lock counts.
    let attempt = 10;
    await until('the first lock to end', async () => (await login(t, user.email, undefined, addressNo(attempt++))).statusCode === 401, 5000);
    const second = await login(t, user.email, 'correct-horse-7', '198.51.100.201');
    expect(second.json()).toMatchObject({ code: 'AUTH_LOCKED_OUT', message: expect.stringContaining('2 s') });

    await until('the second lock to end', async () => (await login(t, user.email, 'correct-horse-7', addressNo(attempt++))).statusCode === 200, 5000);
    expect((await login(t, user.email, undefined, '198.51.100.203')).statusCode).toBe(401);
  });

  it('does not lock other accounts', async () => {
    const user = await signUp(t.app);
    expect((await login(t, user.email, 'correct-horse-7', '198.51.100.250')).statusCode).toBe(200);
  });
});
