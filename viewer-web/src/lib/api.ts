import type { ChannelList, ChannelListQuery, ChannelPublic } from '@lait/shared';
import { ApiRequestError, isAbortError, toApiRequestError } from './api-error';

export { ApiRequestError, isApiRequestError, isAbortError } from './api-error';

type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Origin and prefix of the API; '' means the site's own origin (the server serves both). */
  baseUrl?: string;
  /** Defaults to the global fetch, looked up on each call so tests may stub it. */
  fetch?: FetchFn;
}

export interface ApiClient {
  listChannels(query?: ChannelListQuery, signal?: AbortSignal): Promise<ChannelList>;
  getChannel(slug: string, signal?: AbortSignal): Promise<ChannelPublic>;
}

function toSearch(query: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';

  async function request<T>(path: string, signal?: AbortSignal): Promise<T> {
    const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    let res: Response;
    try {
      res = await doFetch(`${baseUrl}${path}`, { headers: { accept: 'application/json' }, signal });
    } catch (err) {
      if (isAbortError(err)) throw err;
      throw new ApiRequestError(
        { statusCode: 0, code: 'NETWORK_ERROR', error: 'Network Error', message: 'The server could not be reached' },
        { cause: err },
      );
    }
    if (!res.ok) throw await toApiRequestError(res);
    try {
      return (await res.json()) as T;
    } catch (err) {
      throw new ApiRequestError(
        { statusCode: res.status, code: 'BAD_RESPONSE', error: res.statusText, message: 'The answer was not JSON' },
        { cause: err },
      );
    }
  }

  return {
    listChannels: (query = {}, signal) => request<ChannelList>(`/api/channels${toSearch(query)}`, signal),
    getChannel: (slug, signal) => request<ChannelPublic>(`/api/channels/${encodeURIComponent(slug)}`, signal),
  };
}
