import type {
  AuthResponse,
  CategoryList,
  ChannelList,
  ChannelListQuery,
  ChannelOwner,
  ChannelPublic,
  ChannelUpdate,
  FollowingList,
  FollowState,
  LoginBody,
  LogoutBody,
  Me,
  SignupBody,
  StreamKeyResponse,
} from '@lait/shared';
import { ApiRequestError, isAbortError, toApiRequestError } from './api-error';

export { ApiRequestError, isApiRequestError, isAbortError } from './api-error';

type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Origin and prefix of the API; '' means the site's own origin (the server serves both). */
  baseUrl?: string;
  /** Defaults to the global fetch, looked up on each call so tests may stub it. */
  fetch?: FetchFn;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Access token, sent as a Bearer header. */
  token?: string;
  signal?: AbortSignal;
}

export interface ApiClient {
  listChannels(query?: ChannelListQuery, signal?: AbortSignal): Promise<ChannelList>;
  getChannel(slug: string, signal?: AbortSignal): Promise<ChannelPublic>;
  listCategories(signal?: AbortSignal): Promise<CategoryList>;
  /** The refresh token travels in an httpOnly cookie the browser attaches by itself. */
  signup(body: SignupBody): Promise<AuthResponse>;
  login(body: LoginBody): Promise<AuthResponse>;
  refresh(): Promise<AuthResponse>;
  logout(body: LogoutBody): Promise<void>;
  getMe(token: string, signal?: AbortSignal): Promise<Me>;
  updateChannel(token: string, patch: ChannelUpdate): Promise<ChannelOwner>;
  rotateStreamKey(token: string): Promise<StreamKeyResponse>;
  getFollow(token: string, slug: string, signal?: AbortSignal): Promise<FollowState>;
  setFollow(token: string, slug: string, follow: boolean): Promise<FollowState>;
  listFollowing(token: string, signal?: AbortSignal): Promise<FollowingList>;
}

function toSearch(query: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}

function buildInit({ method = 'GET', body, token, signal }: RequestOptions): RequestInit {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers['authorization'] = `Bearer ${token}`;
  return { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, credentials: 'same-origin' };
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';

  async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    let res: Response;
    try {
      res = await doFetch(`${baseUrl}${path}`, buildInit(opts));
    } catch (err) {
      if (isAbortError(err)) throw err;
      throw new ApiRequestError(
        { statusCode: 0, code: 'NETWORK_ERROR', error: 'Network Error', message: 'The server could not be reached' },
        { cause: err },
      );
    }
    if (!res.ok) throw await toApiRequestError(res);
    if (res.status === 204) return undefined as T;
    try {
      return (await res.json()) as T;
    } catch (err) {
      throw new ApiRequestError(
        { statusCode: res.status, code: 'BAD_RESPONSE', error: res.statusText, message: 'The answer was not JSON' },
        { cause: err },
      );
    }
  }

  const channelPath = (slug: string) => `/api/channels/${encodeURIComponent(slug)}`;
  return {
    listChannels: (query = {}, signal) => request<ChannelList>(`/api/channels${toSearch(query)}`, { signal }),
    getChannel: (slug, signal) => request<ChannelPublic>(channelPath(slug), { signal }),
    listCategories: (signal) => request<CategoryList>('/api/categories', { signal }),
    signup: (body) => request<AuthResponse>('/api/auth/signup', { method: 'POST', body }),
    login: (body) => request<AuthResponse>('/api/auth/login', { method: 'POST', body }),
    refresh: () => request<AuthResponse>('/api/auth/refresh', { method: 'POST' }),
    logout: (body) => request<void>('/api/auth/logout', { method: 'POST', body }),
    getMe: (token, signal) => request<Me>('/api/me', { token, signal }),
    updateChannel: (token, patch) => request<ChannelOwner>('/api/me/channel', { method: 'PATCH', body: patch, token }),
    rotateStreamKey: (token) => request<StreamKeyResponse>('/api/me/channel/stream-key', { method: 'POST', token }),
    getFollow: (token, slug, signal) => request<FollowState>(`${channelPath(slug)}/follow`, { token, signal }),
    setFollow: (token, slug, follow) =>
      request<FollowState>(`${channelPath(slug)}/follow`, { method: follow ? 'POST' : 'DELETE', token }),
    listFollowing: (token, signal) => request<FollowingList>('/api/me/following', { token, signal }),
  };
}
