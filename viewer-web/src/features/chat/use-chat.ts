import { useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { CHAT_MAX_LENGTH, type ChatEvent, type ChatPayload, type ChatSettingsUpdate } from '@lait/shared';
import type { ChatClient } from '@lait/shared/chat-client';
import { useAuth } from '../auth';
import { createChatConnection } from './chat-connection';
import { createNonce } from './chat-nonce';
import { ChatSocketContext } from './chat-socket';
import { chatReducer, initialChatState, type ChatState } from './chat-state';

/** Length as the server counts it: code points after trimming. */
export function chatLength(text: string): number {
  return [...text.trim()].length;
}

export interface ChatModeration {
  deleteMessage(messageId: string): void;
  timeout(userId: number, seconds: number): void;
  ban(userId: number): void;
  clear(): void;
  updateSettings(patch: Omit<ChatSettingsUpdate, 'channel'>): void;
}

export interface UseChat extends ChatModeration {
  state: ChatState;
  /** The signed-in user's id, or null when reading anonymously. */
  meId: number | null;
  /** Resolves true once the server stored the message; false when it was refused (the error is in state). */
  send(text: string): Promise<boolean>;
  dismissError(): void;
  /** Fetches the page before the oldest message shown (scrolling up); does nothing while one is on its way. */
  loadOlder(): void;
  /** A timeout shown on the input ran out. */
  restrictionEnded(): void;
}

/** The chat of one channel page: owns one socket, closed on unmount or when the user changes. */
export function useChat(slug: string): UseChat {
  const { state: auth, user, getAccessToken } = useAuth();
  const createSocket = useContext(ChatSocketContext);
  const [state, dispatch] = useReducer(chatReducer, undefined, initialChatState);
  const [connection, setConnection] = useState<ChatClient | null>(null);
  const lastIdRef = useRef<string | null>(null);
  useEffect(() => {
    lastIdRef.current = state.lastId;
  }, [state.lastId]);

  const userId = user?.id ?? null;
  useEffect(() => dispatch({ type: 'me', userId }), [userId]);
  const authReady = auth.status !== 'loading';
  useEffect(() => {
    // Wait for the session to be known, or a signed-in reader would connect twice.
    if (!authReady) return;
    const conn = createChatConnection({
      slug,
      createSocket,
      getToken: userId === null ? () => Promise.resolve(null) : getAccessToken,
      dispatch,
      lastId: () => lastIdRef.current,
    });
    setConnection(conn);
    return () => {
      conn.close();
      setConnection(null);
    };
  }, [slug, userId, authReady, createSocket, getAccessToken]);

  const call = useCallback(
    async <E extends ChatEvent>(event: E, payload: ChatPayload<E>, nonce: string | null = null) => {
      const result = connection
        ? await connection.request(event, payload)
        : { ok: false as const, error: { code: 'CHAT_NOT_JOINED', message: 'Not connected yet' } };
      if (!result.ok) {
        // Closed: the page went away or the user changed; nothing to explain.
        const closed = connection?.closed === true;
        dispatch({ type: 'failed', nonce, error: closed ? null : { ...result.error, at: Date.now() } });
      }
      return result.ok ? result.data : null;
    },
    [connection],
  );

  const send = useCallback(
    async (raw: string) => {
      const text = raw.trim();
      const fail = (code: string) => (dispatch({ type: 'failed', nonce: null, error: { code, message: code, at: Date.now() } }), false);
      if (!user) return fail('CHAT_AUTH_REQUIRED');
      if (text.length === 0) return false;
      if (chatLength(text) > CHAT_MAX_LENGTH) return fail('CHAT_TOO_LONG');
      const nonce = createNonce();
      const me = { id: user.id, nickname: user.nickname, role: state.role ?? 'viewer' };
      dispatch({ type: 'pending', pending: { nonce, text, user: me } });
      const data = await call('chat:send', { channel: slug, text, nonce }, nonce);
      if (!data) return false;
      const message = { id: data.id, channel: slug, user: me, text: data.text, createdAt: new Date().toISOString(), nonce };
      dispatch({ type: 'sent', nonce, message });
      return true;
    },
    [call, slug, user, state.role],
  );

  const moderation = useMemo<ChatModeration>(
    () => ({
      deleteMessage: (messageId) => void call('chat:delete', { channel: slug, messageId }),
      timeout: (userId, seconds) => void call('chat:timeout', { channel: slug, userId, seconds }),
      ban: (userId) => void call('chat:ban', { channel: slug, userId }),
      clear: () => void call('chat:clear', { channel: slug }),
      updateSettings: (patch) => void call('chat:settings', { channel: slug, ...patch }).then((s) => s && dispatch({ type: 'settings', settings: s })),
    }),
    [call, slug],
  );
  const dismissError = useCallback(() => dispatch({ type: 'dismiss' }), []);
  const restrictionEnded = useCallback(() => dispatch({ type: 'restriction-ended' }), []);

  const older = useRef({ loading: false, notBefore: 0 });
  const oldestId = state.messages[0]?.id;
  const { hasOlder } = state;
  const loadOlder = useCallback(() => {
    const o = older.current;
    if (!connection || !hasOlder || oldestId === undefined || o.loading || Date.now() < o.notBefore) return;
    o.loading = true;
    // A refusal (rate limit) is not shown: scroll events come fast, so wait as told before asking again.
    void connection.request('chat:history', { channel: slug, beforeId: oldestId }).then((result) => {
      o.loading = false;
      if (result.ok) dispatch({ type: 'older', messages: result.data.messages, hasMore: result.data.hasMore });
      else o.notBefore = Date.now() + (result.error.retryAfterSec ?? 2) * 1000;
    });
  }, [connection, hasOlder, oldestId, slug]);

  return { state, meId: userId, send, dismissError, loadOlder, restrictionEnded, ...moderation };
}
