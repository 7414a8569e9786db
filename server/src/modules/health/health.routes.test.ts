import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.js';

describe('GET /api/client-config', () => {
  describe('with SENTRY_WEB_DSN', () => {
    const t = useTestApp('sqlite', { SENTRY_WEB_DSN: 'https://public@sentry.example.com/7', SENTRY_ENVIRONMENT: 'staging', SENTRY_DSN: 'https://server-secret@sentry.example.com/8' });

    it('hands the site its own DSN and environment, never the server’s', async () => {
      const res = await t.app.inject({ url: '/api/client-config' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ sentry: { dsn: 'https://public@sentry.example.com/7', environment: 'staging' } });
      expect(res.body).not.toContain('server-secret');
      expect(res.headers['cache-control']).toContain('max-age');
    });

    it('lets the site post its reports to that host (CSP connect-src), and only there', async () => {
      const csp = String((await t.app.inject({ url: '/api/client-config' })).headers['content-security-policy']);
      expect(/connect-src [^;]*https:\/\/sentry\.example\.com/.test(csp)).toBe(true);
      expect(csp).not.toContain('server-secret');
    });
  });

  describe('without it', () => {
    const t = useTestApp('sqlite');

    it('tells the site to report nothing', async () => {
      expect((await t.app.inject({ url: '/api/client-config' })).json()).toEqual({ sentry: null });
    });

    it('answers liveness without touching the database', async () => {
      expect((await t.app.inject({ url: '/api/health/live' })).json()).toMatchObject({ status: 'ok' });
    });
  });
});
