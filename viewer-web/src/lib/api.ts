import type {
  AuthResponse,
  ChannelModeration,
  CategoryList,
  ChannelList,
  ChannelListQuery,
  ChannelOwner,
  ChannelPublic,
  ChannelUpdate,
  FollowingList,
  FollowState,
  KakaoLinkResponse,
  FollowedSince,
  LoginBody,
  LogoutBody,
  Me,
  SignupBody,
  StreamKeyResponse, Clip, ClipList, Video, VideoChat, VideoList } from '@lait/shared';
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
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON, except a Blob (a file), which goes as-is with its own type. */
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
  /** Starts linking Kakao to the signed-in account: the answer is the Kakao page to open. */
  startKakaoLink(token: string): Promise<KakaoLinkResponse>;
  getFollow(token: string, slug: string, signal?: AbortSignal): Promise<FollowState>;
  getFollowedSince(slug: string, userId: number, signal?: AbortSignal): Promise<FollowedSince>;
  setFollow(token: string, slug: string, follow: boolean): Promise<FollowState>;
  listFollowing(token: string, signal?: AbortSignal): Promise<FollowingList>;
  listFollowedVideos(token: string, signal?: AbortSignal): Promise<VideoList>;
  listVideos(slug: string, signal?: AbortSignal): Promise<VideoList>;
  /** The owner's listing: hidden videos too. */
  listMyVideos(token: string, slug: string, signal?: AbortSignal): Promise<VideoList>;
  setVideoHidden(token: string, id: string, hidden: boolean): Promise<Video>;
  deleteVideo(token: string, id: string): Promise<void>;
  listClips(slug: string, signal?: AbortSignal): Promise<ClipList>;
  deleteClip(token: string, id: string): Promise<void>;
  getVideo(id: string, signal?: AbortSignal): Promise<Video>;
  /** Chat replay between `from` and `to` seconds into the broadcast. */
  getVideoChat(id: string, from: number, to: number, signal?: AbortSignal): Promise<VideoChat>;
  getClip(id: string, signal?: AbortSignal): Promise<Clip>;
  createLiveClip(token: string, slug: string, seconds: number): Promise<Clip>;
  createVideoClip(token: string, videoId: string, start: number, end: number): Promise<Clip>;
  /** A JPEG, PNG or WebP file of at most 2 MB; answers the new avatar's URL. */
  uploadAvatar(token: string, file: Blob): Promise<{ avatarUrl: string }>;
  getModeration(token: string, signal?: AbortSignal): Promise<ChannelModeration>;
  appointModerator(token: string, nickname: string): Promise<ChannelModeration>;
  removeModerator(token: string, userId: number): Promise<ChannelModeration>;
  unban(token: string, userId: number): Promise<ChannelModeration>;
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
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (body instanceof Blob) {
    headers['content-type'] = body.type;
    return { method, headers, body, signal, credentials: 'same-origin' };
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
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
    startKakaoLink: (token) => request<KakaoLinkResponse>('/api/auth/kakao/link', { method: 'POST', token }),
    getFollowedSince: (slug, userId, signal) => request<FollowedSince>(`${channelPath(slug)}/followers/${userId}`, { signal }),
    getFollow: (token, slug, signal) => request<FollowState>(`${channelPath(slug)}/follow`, { token, signal }),
    setFollow: (token, slug, follow) =>
      request<FollowState>(`${channelPath(slug)}/follow`, { method: follow ? 'POST' : 'DELETE', token }),
    listFollowing: (token, signal) => request<FollowingList>('/api/me/following', { token, signal }),
    listFollowedVideos: (token, signal) => request<VideoList>('/api/me/following/videos', { token, signal }),
    listVideos: (slug, signal) => request<VideoList>(`${channelPath(slug)}/videos`, { signal }),
    listMyVideos: (token, slug, signal) => request<VideoList>(`${channelPath(slug)}/videos`, { token, signal }),
    setVideoHidden: (token, id, hidden) => request<Video>(`/api/videos/${encodeURIComponent(id)}`, { method: 'PATCH', body: { hidden }, token }),
    deleteVideo: (token, id) => request<void>(`/api/videos/${encodeURIComponent(id)}`, { method: 'DELETE', token }),
    listClips: (slug, signal) => request<ClipList>(`${channelPath(slug)}/clips`, { signal }),
    deleteClip: (token, id) => request<void>(`/api/clips/${encodeURIComponent(id)}`, { method: 'DELETE', token }),
    getVideo: (id, signal) => request<Video>(`/api/videos/${encodeURIComponent(id)}`, { signal }),
    createLiveClip: (token, slug, seconds) => request<Clip>(`${channelPath(slug)}/clips`, { method: 'POST', body: { seconds }, token }),
    createVideoClip: (token, videoId, start, end) => request<Clip>(`/api/videos/${encodeURIComponent(videoId)}/clips`, { method: 'POST', body: { start, end }, token }),
    getClip: (id, signal) => request<Clip>(`/api/clips/${encodeURIComponent(id)}`, { signal }),
    getVideoChat: (id, from, to, signal) => request<VideoChat>(`/api/videos/${encodeURIComponent(id)}/chat${toSearch({ from, to })}`, { signal }),
    getModeration: (token, signal) => request<ChannelModeration>('/api/me/channel/moderation', { token, signal }),
    appointModerator: (token, nickname) => request<ChannelModeration>('/api/me/channel/moderators', { method: 'POST', body: { nickname }, token }),
    removeModerator: (token, userId) => request<ChannelModeration>(`/api/me/channel/moderators/${userId}`, { method: 'DELETE', token }),
    unban: (token, userId) => request<ChannelModeration>(`/api/me/channel/bans/${userId}`, { method: 'DELETE', token }),
    uploadAvatar: (token, file) => request<{ avatarUrl: string }>('/api/me/avatar', { method: 'PUT', body: file, token }),
  };
}
