import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.js';
import { refreshCookieOf, signUp } from '../../test/users.js';

const SITE = 'https://lait.example';
const EVIL = 'https://evil.example';

/** Login CSRF (issue 9): another site's page must not sign the visitor in to the attacker's account. */
describe('login CSRF', () => {
  const t = useTestApp('sqlite', { PUBLIC_URL: SITE });

  const login = (email: string, headers: Record<string, string>, form = false) => t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', ...headers },
    payload: form ? `email=${encodeURIComponent(email)}&password=correct-horse-7` : JSON.stringify({ email, password: 'correct-horse-7' }),
  });

  it('refuses a cross-site form post to login, and sets no cookie', async () => {
    const user = await signUp(t.app, 'csrf_form');
    const res = await login(user.email, { origin: EVIL, 'sec-fetch-site': 'cross-site' }, true);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect(refreshCookieOf(res.headers['set-cookie'])).toBe('');
  });

  it('takes login as JSON only: a form body answers 415 even without an Origin', async () => {
    const user = await signUp(t.app, 'csrf_media');
    const form = await login(user.email, {}, true);
    expect(form.statusCode).toBe(415);
    const text = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify({ email: user.email, password: 'correct-horse-7' }) });
    expect(text.statusCode).toBe(415);
  });

  it('refuses cross-site JSON, Origin null, and a sibling site by Sec-Fetch-Site alone', async () => {
    const user = await signUp(t.app, 'csrf_json');
    const refused: Record<string, string>[] = [{ origin: EVIL }, { origin: 'null' }, { 'sec-fetch-site': 'same-site' }, { origin: SITE, 'sec-fetch-site': 'cross-site' }];
    for (const headers of refused) {
      const res = await login(user.email, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
    }
    const signup = await t.app.inject({ method: 'POST', url: '/api/auth/signup', headers: { origin: EVIL }, payload: { email: 'csrf_new@lait.test', password: 'correct-horse-7', nickname: 'csrf_new' } });
    expect(signup.statusCode).toBe(403);
    const refresh = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { origin: EVIL, cookie: user.refreshCookie } });
    expect(refresh.statusCode).toBe(403);
    const exchange = await t.app.inject({ method: 'POST', url: '/api/auth/desktop/exchange', headers: { origin: EVIL }, payload: { code: 'a'.repeat(32), verifier: 'b'.repeat(43) } });
    expect(exchange.statusCode).toBe(403);
  });

  it('signs in from the site itself (PUBLIC_URL or the same host) and from programs that send no Origin', async () => {
    const user = await signUp(t.app, 'csrf_ok');
    const cases: Record<string, string>[] = [
      { origin: SITE, 'sec-fetch-site': 'same-origin' },
      { origin: 'http://localhost:5173', host: 'localhost:5173', 'sec-fetch-site': 'same-origin' },
      {},
    ];
    for (const headers of cases) {
      const res = await login(user.email, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(200);
      expect(refreshCookieOf(res.headers['set-cookie'])).not.toBe('');
    }
  });
});
