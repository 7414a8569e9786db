import { compareIds, maxId, mergeMessages, type ChatJoinResult, type ChatMessage, type ChatNotice, type ChatRestriction, type ChatRole, type ChatSettings, type ChatUser } from '@lait/shared';

/** Kept in memory per page; older messages drop off the top. */
export const MESSAGE_LIMIT = 1000;
const NOTICE_LIMIT = 100;

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'readonly';

export type NoticeParams = Record<string, string | number | null>;

/** A line from the system: a server notice, a clear, a settings change. Shown after `afterId`. */
export interface NoticeItem {
  seq: number;
  code: string;
  message: string;
  params: NoticeParams;
  afterId: string | null;
}

export interface PendingMessage {
  nonce: string;
  text: string;
  user: ChatUser;
}

/** A refusal to explain: `at` is when it arrived, so waits (retryAfterSec) can count down. */
export interface ChatFailure {
  code: string;
  message: string;
  retryAfterSec?: number;
  at: number;
}

export interface ChatState {
  status: ConnectionStatus;
  messages: readonly ChatMessage[];
  deleted: ReadonlySet<string>;
  notices: readonly NoticeItem[];
  pending: readonly PendingMessage[];
  /** The highest id ever seen (survives trimming and clears): the `sinceId` of the next join. */
  lastId: string | null;
  /** Older messages exist on the server before `messages[0]` (fetched with chat:history on scroll-up). */
  hasOlder: boolean;
  viewerCount: number | null;
  settings: ChatSettings | null;
  role: ChatRole | null;
  /** Why this viewer may not write here (banned, timed out), known before they type. */
  restriction: ChatRestriction | null;
  /** The signed-in reader, so notices about them can restrict or free their input. */
  meId: number | null;
  error: ChatFailure | null;
  seq: number;
}

export type ChatAction =
  | { type: 'status'; status: ConnectionStatus }
  | { type: 'joined'; result: ChatJoinResult }
  | { type: 'messages'; messages: ChatMessage[] }
  | { type: 'older'; messages: ChatMessage[]; hasMore: boolean }
  | { type: 'pending'; pending: PendingMessage }
  | { type: 'sent'; nonce: string; message: ChatMessage }
  | { type: 'failed'; nonce: string | null; error: ChatFailure | null }
  | { type: 'dismiss' }
  | { type: 'deleted'; ids: string[] }
  | { type: 'cleared' }
  | { type: 'viewers'; count: number }
  | { type: 'settings'; settings: ChatSettings }
  | { type: 'notice'; notice: Pick<ChatNotice, 'code' | 'message' | 'params'> }
  | { type: 'me'; userId: number | null }
  | { type: 'restriction-ended' };

export function initialChatState(): ChatState {
  return {
    status: 'connecting', messages: [], deleted: new Set(), notices: [], pending: [], lastId: null, hasOlder: false,
    viewerCount: null, settings: null, role: null, restriction: null, meId: null, error: null, seq: 0,
  };
}

function withMessages(state: ChatState, incoming: readonly ChatMessage[]): ChatState {
  const messages = mergeMessages(state.messages, incoming, MESSAGE_LIMIT);
  const nonces = new Set(incoming.map((m) => m.nonce));
  const pending = state.pending.some((p) => nonces.has(p.nonce)) ? state.pending.filter((p) => !nonces.has(p.nonce)) : state.pending;
  const lastId = incoming.reduce<string | null>((id, m) => maxId(id, m.id), state.lastId);
  if (messages === state.messages && pending === state.pending && lastId === state.lastId) return state;
  return { ...state, messages, pending, lastId };
}

/** Server notices name users by id: put in the nickname the list already knows. */
function withNotice(state: ChatState, code: string, message: string, params: NoticeParams = {}): ChatState {
  const userId = params['userId'];
  const known = typeof userId === 'number' ? state.messages.findLast((m) => m.user.id === userId)?.user.nickname : undefined;
  const item: NoticeItem = { seq: state.seq + 1, code, message, params: known ? { ...params, nickname: known } : params, afterId: state.messages.at(-1)?.id ?? null };
  return { ...state, seq: item.seq, notices: [...state.notices, item].slice(-NOTICE_LIMIT) };
}

function settingsNotices(state: ChatState, next: ChatSettings): ChatState {
  const prev = state.settings;
  let s: ChatState = { ...state, settings: next };
  if (!prev) return s;
  if (prev.slowModeSec !== next.slowModeSec) {
    s = next.slowModeSec > 0 ? withNotice(s, 'SLOW_MODE_ON', '', { seconds: next.slowModeSec }) : withNotice(s, 'SLOW_MODE_OFF', '');
  }
  if ((prev.followersOnlyMin === null) !== (next.followersOnlyMin === null)) {
    s = withNotice(s, next.followersOnlyMin === null ? 'FOLLOWERS_ONLY_OFF' : 'FOLLOWERS_ONLY_ON', '');
  }
  return s;
}

/** A refusal that says the sender is banned or timed out (from another tab, or before the notice came). */
function restrictionFromFailure(error: ChatFailure | null): ChatRestriction | null {
  if (error?.code === 'CHAT_BANNED') return { kind: 'banned' };
  if (error?.code === 'CHAT_TIMED_OUT' && error.retryAfterSec !== undefined) {
    return { kind: 'timedOut', until: new Date(error.at + error.retryAfterSec * 1000).toISOString() };
  }
  return null;
}

/** A moderation notice about the reader themselves changes what their input box allows. */
function restrictionFromNotice(state: ChatState, notice: Pick<ChatNotice, 'code' | 'params'>): ChatState {
  if (state.meId === null || notice.params?.['userId'] !== state.meId || state.role !== 'viewer') return state;
  const until = notice.params['until'];
  switch (notice.code) {
    case 'USER_BANNED':
      return { ...state, restriction: { kind: 'banned' } };
    case 'USER_TIMED_OUT':
      return typeof until === 'string' && state.restriction?.kind !== 'banned' ? { ...state, restriction: { kind: 'timedOut', until } } : state;
    case 'USER_UNBANNED':
      return state.restriction?.kind === 'banned' ? { ...state, restriction: null } : state;
    default:
      return state;
  }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'status':
      return state.status === action.status ? state : { ...state, status: action.status };
    case 'joined': {
      const { history, hasMore, viewerCount, settings, role, restriction } = action.result;
      // Away longer than a page: the server sent the newest page, so start the list over from it
      // (no hole in the middle) and fetch the rest on scroll-up.
      const merged = hasMore ? withMessages({ ...state, messages: [] }, history) : withMessages(state, history);
      const hasOlder = hasMore || (state.hasOlder && state.messages.length > 0);
      return { ...merged, hasOlder, viewerCount, settings, role, restriction, status: role === null ? 'readonly' : 'connected' };
    }
    case 'messages':
      return withMessages(state, action.messages);
    case 'older': {
      const merged = withMessages(state, action.messages);
      // Past the page's memory limit the oldest drop off again: stop offering more.
      return { ...merged, hasOlder: action.hasMore && merged.messages.length < MESSAGE_LIMIT };
    }
    case 'pending':
      return { ...state, pending: [...state.pending, action.pending] };
    case 'sent':
      return withMessages({ ...state, error: null, pending: state.pending.filter((p) => p.nonce !== action.nonce) }, [action.message]);
    case 'failed': {
      const restriction = restrictionFromFailure(action.error) ?? state.restriction;
      return { ...state, restriction, error: action.error ?? state.error, pending: state.pending.filter((p) => p.nonce !== action.nonce) };
    }
    case 'dismiss':
      return state.error ? { ...state, error: null } : state;
    case 'deleted':
      return { ...state, deleted: new Set([...state.deleted, ...action.ids]) };
    case 'cleared':
      return withNotice({ ...state, messages: [], deleted: new Set(), notices: [], hasOlder: false }, 'cleared', '');
    case 'viewers':
      return { ...state, viewerCount: action.count };
    case 'settings':
      return settingsNotices(state, action.settings);
    case 'notice': {
      const { code, message, params } = action.notice;
      return withNotice(restrictionFromNotice(state, action.notice), code, message, params);
    }
    case 'me':
      return state.meId === action.userId ? state : { ...state, meId: action.userId, restriction: null };
    case 'restriction-ended':
      return state.restriction ? { ...state, restriction: null } : state;
  }
}

export type ChatEntry =
  | { kind: 'message'; key: string; message: ChatMessage; deleted: boolean }
  | { kind: 'notice'; key: string; notice: NoticeItem }
  | { kind: 'pending'; key: string; pending: PendingMessage };

/** Messages in id order, each notice after the message it followed, then what is still being sent. */
export function selectEntries(state: Pick<ChatState, 'messages' | 'notices' | 'pending' | 'deleted'>): ChatEntry[] {
  const out: ChatEntry[] = [];
  const notices = [...state.notices].sort((a, b) => compareAfter(a.afterId, b.afterId) || a.seq - b.seq);
  let n = 0;
  for (const message of state.messages) {
    while (n < notices.length && compareAfter(notices[n]!.afterId, message.id) < 0) out.push(noticeEntry(notices[n++]!));
    out.push({ kind: 'message', key: `m${message.id}`, message, deleted: state.deleted.has(message.id) });
  }
  while (n < notices.length) out.push(noticeEntry(notices[n++]!));
  for (const pending of state.pending) out.push({ kind: 'pending', key: `p${pending.nonce}`, pending });
  return out;
}

function compareAfter(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compareIds(a, b);
}

const noticeEntry = (notice: NoticeItem): ChatEntry => ({ kind: 'notice', key: `n${notice.seq}`, notice });
