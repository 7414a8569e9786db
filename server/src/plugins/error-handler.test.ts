import { describe, expect, it } from 'vitest';
import { useTestApp } from '../test/test-app.js';
import { bearer, signUp } from '../test/users.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/** Garbage a client could send; none of it may produce a 5xx or a non-JSON error. */
const BAD_BODIES: Array<{ name: string; payload: string; type: string }> = [
  { name: 'broken JSON', payload: '{"a":', type: 'application/json' },
  { name: 'JSON array', payload: '[1,2,3]', type: 'application/json' },
  { name: 'JSON string', payload: '"hello"', type: 'application/json' },
  { name: 'wrong types', payload: JSON.stringify({ email: 5, password: [], nickname: {}, title: 9, slug: false, everywhere: 'yes' }), type: 'application/json' },
  { name: 'huge body', payload: JSON.stringify({ title: 'x'.repeat(200_000) }), type: 'application/json' },
  { name: 'unknown content type', payload: 'a=b', type: 'application/x-unknown' },
  { name: 'Hangul and emoji garbage', payload: JSON.stringify({ slug: '채널😀', text: '\u0000\uFFFF' }), type: 'application/json' },
];

describe('bad input to every route', () => {
  const t = useTestApp('sqlite', { KAKAO_CLIENT_ID: 'configured-for-this-test' });

  it('answers every documented route with a 4xx JSON error, never a 5xx', async () => {
    const user = await signUp(t.app);
    type Op = { parameters?: unknown[]; requestBody?: unknown };
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, Op>> };
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops).map(([m, op]) => ({ method: m.toUpperCase() as Method, path: p, takesInput: Boolean(op.parameters?.length || op.requestBody) })),
    );
    expect(routes.length).toBeGreaterThan(15);
    for (const { method, path, takesInput } of routes) {
      const url = path.replace(/\{[^}]+\}/g, '%ZZ%E0%A4');
      for (const auth of [{}, bearer(user)]) {
        const attempts = method === 'GET' || method === 'DELETE'
          ? [{ url: `${url}?limit=-1&live=maybe&q=${'ㄱ'.repeat(500)}`, payload: undefined, type: undefined }]
          : BAD_BODIES.map((b) => ({ url, payload: b.payload, type: b.type }));
        for (const a of attempts) {
          const res = await t.app.inject({ method, url: a.url, payload: a.payload, headers: { ...auth, ...(a.type ? { 'content-type': a.type } : {}) } });
          const where = `${method} ${a.url.slice(0, 60)} ${a.type ?? ''}`;
          if (res.statusCode === 302) continue; // the Kakao start redirect ignores unknown input
          if (takesInput) expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, `${where}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
          if (res.statusCode >= 400 && String(res.headers['content-type'] ?? '').includes('json')) expect(typeof res.json().code, where).toBe('string');
        }
      }
    }
  });
});
