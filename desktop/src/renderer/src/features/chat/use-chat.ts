import type { Ack } from '@lait/shared';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Bridge } from '../../lib/bridge';
import type { UiError } from '../account/use-account';
import { chatReducer, initialChatState } from './chat-state';

/** What the last send or moderation action came to, for the line under the input. */
export type ChatFeedback =
  | { kind: 'error'; error: UiError & { retryAfterSec?: number } }
  | { kind: 'masked'; text: string }
  | { kind: 'done'; action: ModerationAction; nickname: string };

/** The time-outs the message menu offers, in seconds: 1 min, 10 min, 1 h, 24 h. */
export const TIMEOUT_CHOICES = [60, 600, 3600, 86400] as const;
export type TimeoutChoice = (typeof TIMEOUT_CHOICES)[number];

/** What the streamer does from a message's menu. */
export type ModerationAction = { kind: 'delete' } | { kind: 'timeout'; seconds: TimeoutChoice } | { kind: 'ban' };

/**
 * The streamer's own channel chat through main's relay: opens when signed in, follows the relay's
 * events, and opens again after every reconnect (main answers its snapshot, the list merges by id).
 */
export function useChat(bridge: Bridge, signedIn: boolean) {
  const [state, dispatch] = useReducer(chatReducer, initialChatState);
  const [feedback, setFeedback] = useState<ChatFeedback | null>(null);
  const [sending, setSending] = useState(false);
  const wasConnected = useRef(false);

  useEffect(() => {
    if (!signedIn) {
      dispatch({ type: 'reset' });
      return;
    }
    let stopped = false;
    const open = () =>
      void bridge.chat.open().then((ack) => {
        if (stopped) return;
        if (ack.ok) dispatch({ type: 'opened', result: ack.data });
        else dispatch({ type: 'connection', status: { state: 'offline', code: ack.error.code } });
      });
    const offs = [
      bridge.on('chat:messages', (messages) => dispatch({ type: 'messages', messages })),
      bridge.on('chat:deleted', (p) => dispatch({ type: 'deleted', ids: p.ids })),
      bridge.on('chat:cleared', () => dispatch({ type: 'cleared' })),
      bridge.on('chat:viewers', (p) => dispatch({ type: 'viewers', count: p.count })),
      bridge.on('chat:settings', (p) => dispatch({ type: 'settings', settings: p.settings })),
      bridge.on('chat:notice', (notice) => dispatch({ type: 'notice', notice })),
      bridge.on('chat:connection', (status) => {
        dispatch({ type: 'connection', status });
        const connected = status.state === 'connected';
        if (connected && !wasConnected.current) open();
        wasConnected.current = connected;
      }),
    ];
    dispatch({ type: 'connection', status: { state: 'connecting', code: null } });
    open();
    return () => {
      stopped = true;
      offs.forEach((off) => off());
      wasConnected.current = false;
    };
  }, [bridge, signedIn]);

  const report = useCallback(<T,>(ack: Ack<T>) => {
    if (!ack.ok) setFeedback({ kind: 'error', error: ack.error });
    return ack.ok;
  }, []);

  /** Sends `text`; true when the server stored it (the input clears then). */
  const send = useCallback(async (text: string) => {
    setSending(true);
    setFeedback(null);
    const ack = await bridge.chat.send({ text });
    setSending(false);
    if (!report(ack)) return false;
    if (ack.ok && ack.data.text !== text.trim()) setFeedback({ kind: 'masked', text: ack.data.text });
    return true;
  }, [bridge, report]);

  const moderate = useCallback(async (action: ModerationAction, target: { messageId: string; userId: number; nickname: string }) => {
    setFeedback(null);
    const ack = action.kind === 'delete'
      ? await bridge.chat.delete({ messageId: target.messageId })
      : action.kind === 'timeout'
        ? await bridge.chat.timeout({ userId: target.userId, seconds: action.seconds })
        : await bridge.chat.ban({ userId: target.userId });
    if (report(ack)) setFeedback({ kind: 'done', action, nickname: target.nickname });
  }, [bridge, report]);

  return { ...state, feedback, sending, send, moderate };
}
