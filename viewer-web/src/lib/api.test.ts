import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeChannel } from '../test/fixtures';
import { ApiRequestError, createApiClient } from './api';

function clientAnswering(answer: () => Promise<Response>) {
  const fetch = vi.fn<(input: string, init?: RequestInit) => Promise<Response>>(answer);
  return { api: createApiClient({ fetch }), fetch };
}

describe('api client', () => {
  it('asks for live channels with a query string and returns the typed body', async () => {
    const channel = makeChannel();
    const { api, fetch } = clientAnswering(async () => jsonResponse({ channels: [channel] }));
    const list = await api.listChannels({ live: true });
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/channels?live=true');
    expect(list.channels[0]?.slug).toBe('alpha');
  });

  it('turns an ApiError body into an ApiRequestError with its status, code and message', async () => {
    const body = { statusCode: 404, code: 'CHANNEL_NOT_FOUND', error: 'Not Found', message: 'No channel nope' };
    const { api } = clientAnswering(async () => jsonResponse(body, 404));
    const err = await api.getChannel('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ status: 404, code: 'CHANNEL_NOT_FOUND', reason: 'Not Found', message: 'No channel nope', isNotFound: true });
  });

  it('maps a non-JSON error page from a proxy to SERVICE_UNAVAILABLE', async () => {
    const { api } = clientAnswering(async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(api.getChannel('alpha')).rejects.toMatchObject({ status: 502, code: 'SERVICE_UNAVAILABLE', isNotFound: false });
  });

  it('maps an unreachable server to NETWORK_ERROR with status 0', async () => {
    const { api } = clientAnswering(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api.listChannels()).rejects.toMatchObject({ name: 'ApiRequestError', status: 0, code: 'NETWORK_ERROR' });
  });

  it('lets an abort through untouched so callers can ignore it', async () => {
    const { api } = clientAnswering(() => Promise.reject(new DOMException('aborted', 'AbortError')));
    await expect(api.listChannels()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('escapes the slug in the path', async () => {
    const { api, fetch } = clientAnswering(async () => jsonResponse(makeChannel()));
    await api.getChannel('a/b');
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/channels/a%2Fb');
  });
});
