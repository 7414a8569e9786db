import {
  compareIds, mergeMessages, type ChatConnectionStatus, type ChatMessage, type ChatNotice, type ChatOpenResult, type ChatRole, type ChatSettings,
} from '@lait/shared';

/** Chat messages are one line and the server refuses control characters: typed or pasted line breaks and tabs become spaces. */
export function oneLine(text: string): string {
  return text.replace(/\r?\n|[\t\r]/g, ' ');
}

/** Messages the panel keeps (main keeps the same number for a re-opened panel). */
export const CHAT_LIMIT = 200;

/** A server notice placed in the list after the message that was newest when it came. */
export interface NoticeLine {
  key: number;
  afterId: string | null;
  notice: ChatNotice;
  /** Who it is about, looked up when it came (a ban removes their lines right after). */
  nickname: string | null;
}

/** Notices kept (they are about the last minutes; the messages are what matters). */
const NOTICE_LIMIT = 20;

export interface ChatState {
  messages: readonly ChatMessage[];
  notices: readonly NoticeLine[];
  connection: ChatConnectionStatus;
  role: ChatRole | null;
  settings: ChatSettings | null;
  viewerCount: number | null;
}

export type ChatAction =
  | { type: 'opened'; result: ChatOpenResult }
  | { type: 'messages'; messages: readonly ChatMessage[] }
  | { type: 'deleted'; ids: readonly string[] }
  | { type: 'cleared' }
  | { type: 'viewers'; count: number }
  | { type: 'notice'; notice: ChatNotice }
  | { type: 'settings'; settings: ChatSettings }
  | { type: 'connection'; status: ChatConnectionStatus }
  | { type: 'reset' };

export const initialChatState: ChatState = {
  messages: [], notices: [], connection: { state: 'offline', code: null }, role: null, settings: null, viewerCount: null,
};

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'opened': {
      const { history, role, settings, viewerCount } = action.result;
      // Main's snapshot is the truth (deletions applied); anything newer already here stays.
      const held = new Set(history.map((m) => m.id));
      const last = history.at(-1)?.id;
      const newer = last === undefined ? state.messages : state.messages.filter((m) => !held.has(m.id) && compareIds(m.id, last) > 0);
      return { ...state, messages: mergeMessages(history, newer, CHAT_LIMIT), role, settings, viewerCount };
    }
    case 'messages':
      return { ...state, messages: mergeMessages(state.messages, action.messages, CHAT_LIMIT) };
    case 'deleted': {
      const gone = new Set(action.ids);
      return { ...state, messages: state.messages.filter((m) => !gone.has(m.id)) };
    }
    case 'cleared':
      return { ...state, messages: [], notices: [] };
    case 'notice': {
      const userId = action.notice.params?.['userId'];
      const nickname = typeof action.notice.params?.['nickname'] === 'string' ? action.notice.params['nickname']
        : state.messages.find((m) => m.user.id === userId)?.user.nickname ?? null;
      const line = { key: (state.notices.at(-1)?.key ?? 0) + 1, afterId: state.messages.at(-1)?.id ?? null, notice: action.notice, nickname };
      return { ...state, notices: [...state.notices, line].slice(-NOTICE_LIMIT) };
    }
    case 'viewers':
      return { ...state, viewerCount: action.count };
    case 'settings':
      return { ...state, settings: action.settings };
    case 'connection':
      return { ...state, connection: action.status };
    case 'reset':
      return initialChatState;
  }
}

/**
 * Where each notice goes in the list: after the message it came after, or, if that one was
 * deleted since (a ban removes the user's lines), after the newest older message still there;
 * `null` = above every message.
 */
export function noticesByAnchor(messages: readonly ChatMessage[], notices: readonly NoticeLine[]): Map<string | null, NoticeLine[]> {
  const out = new Map<string | null, NoticeLine[]>();
  for (const n of notices) {
    let anchor: string | null = null;
    if (n.afterId !== null) {
      for (const m of messages) {
        if (compareIds(m.id, n.afterId) > 0) break;
        anchor = m.id;
      }
    }
    out.set(anchor, [...(out.get(anchor) ?? []), n]);
  }
  return out;
}
