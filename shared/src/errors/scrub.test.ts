import { describe, expect, it } from 'vitest';
import { FILTERED, scrub, scrubText } from './scrub.js';

const KEY = 'live_AbCdEfGhIjKl_0123456789abcdefghijABCDEFGHIJ';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwibmljayI6ImEifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('scrub', () => {
  it('blanks Authorization, cookies and token-named fields at any depth', () => {
    const out = scrub({
      request: { headers: { authorization: `Bearer ${JWT}`, Cookie: 'lait_rt=abc.def', 'set-cookie': ['lait_rt=x'], 'user-agent': 'Mozilla' }, cookies: { lait_rt: 'abc' } },
      extra: { accessToken: 'x', refresh_token: 'y', password: 'hunter2', streamKey: KEY, rtmpNotifySecret: 's' },
    });
    expect(out.request.headers).toEqual({ authorization: FILTERED, Cookie: FILTERED, 'set-cookie': FILTERED, 'user-agent': 'Mozilla' });
    expect(out.request.cookies).toBe(FILTERED);
    expect(Object.values(out.extra)).toEqual([FILTERED, FILTERED, FILTERED, FILTERED, FILTERED]);
  });

  it('removes stream keys, JWTs, bearer tokens and secret query parameters from free text', () => {
    const text = `publish of ${KEY} failed for Bearer abc123 with ${JWT} at /internal/rtmp/publish?secret=s3cr3t&app=live&token=t0k`;
    const out = scrubText(text);
    for (const secret of [KEY, 'abc123', JWT, 's3cr3t', 't0k']) expect(out).not.toContain(secret);
    expect(out).toContain('app=live');
    expect(out).toContain('/internal/rtmp/publish');
  });

  it('keeps ordinary data, numbers and structure, and copies instead of mutating', () => {
    const event = { exception: { values: [{ type: 'Error', value: 'boom', stacktrace: { frames: [{ lineno: 3, filename: 'app.js' }] } }] }, tags: { route: '/api/channels/:slug' } };
    const out = scrub(event);
    expect(out).toEqual(event);
    expect(out).not.toBe(event);
    const withKey = { message: `key ${KEY}` };
    scrub(withKey);
    expect(withKey.message).toContain(KEY);
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a['self'] = a;
    expect(scrub(a)).toEqual({ name: 'a', self: FILTERED });
  });
});
