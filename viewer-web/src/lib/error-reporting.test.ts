import * as Sentry from '@sentry/browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startErrorReporting } from './error-reporting';

const KEY = 'live_AbCdEfGhIjKl_0123456789abcdefghijABCDEFGHIJKL';

describe('startErrorReporting', () => {
  afterEach(async () => {
    await Sentry.close(1000);
    vi.unstubAllGlobals();
  });

  it('loads nothing when the server configures no DSN, and survives an unreachable config', async () => {
    const loadSentry = vi.fn();
    expect(await startErrorReporting({ fetchConfig: async () => ({ sentry: null }), loadSentry })).toBe(false);
    expect(await startErrorReporting({ fetchConfig: () => Promise.reject(new Error('offline')), loadSentry })).toBe(false);
    expect(loadSentry).not.toHaveBeenCalled();
  });

  it('sends an error to the configured DSN as an envelope, without the stream key or token in it', async () => {
    const posts: { url: string; body: string }[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
      posts.push({ url: String(url), body: String(init?.body ?? '') });
      return new Response('{}', { status: 200 });
    }));
    const started = await startErrorReporting({ fetchConfig: async () => ({ sentry: { dsn: 'https://publickey@sentry.example.com/42', environment: 'test' } }) });
    expect(started).toBe(true);
    Sentry.captureException(new Error(`player failed for ${KEY} with Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl`));
    await vi.waitFor(() => expect(posts.some((p) => p.url.includes('/api/42/envelope/'))).toBe(true), { timeout: 5000 });
    const envelope = posts.find((p) => p.url.includes('/api/42/envelope/'))!.body;
    const lines = envelope.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const event = lines.find((l) => 'exception' in l) as { environment: string; exception: { values: { value: string }[] } };
    expect(event.environment).toBe('test');
    expect(event.exception.values[0]!.value).toContain('player failed for [Filtered]');
    expect(envelope).not.toContain(KEY);
    expect(envelope).not.toContain('eyJzdWIiOiIxIn0');
  });
});
