import { useCallback, useMemo } from 'react';
import { ChatErrorBar } from './ChatErrorBar';
import { ChatHeader } from './ChatHeader';
import { ChatInput } from './ChatInput';
import { ChatLine } from './ChatLine';
import { ChatList } from './ChatList';
import { selectEntries, type ChatEntry } from './chat-state';
import { useChat } from './use-chat';
import { useChatT } from './use-chat-t';
import './chat.css';

/** The chat of a channel page: beside the player on wide screens, below it on narrow ones. */
export function ChatPanel({ slug }: { slug: string }) {
  const t = useChatT();
  const chat = useChat(slug);
  const { state, meId, send, dismissError, deleteMessage, timeout, ban, clear, updateSettings } = chat;
  const { messages, notices, pending, deleted, role } = state;
  const entries = useMemo(() => selectEntries({ messages, notices, pending, deleted }), [messages, notices, pending, deleted]);
  const moderation = useMemo(() => ({ deleteMessage, timeout, ban, clear, updateSettings }), [deleteMessage, timeout, ban, clear, updateSettings]);
  const renderEntry = useCallback(
    (entry: ChatEntry) => <ChatLine entry={entry} myRole={role} meId={meId} moderation={moderation} />,
    [role, meId, moderation],
  );
  const canModerate = role === 'streamer' || role === 'moderator';

  return (
    <aside className="chat-panel" data-testid="chat-panel" aria-label={t('title')}>
      <ChatHeader status={state.status} viewerCount={state.viewerCount} settings={state.settings} canModerate={canModerate} moderation={moderation} />
      {state.status === 'reconnecting' && (
        <p className="chat-banner" role="status">
          {t('status.reconnecting')}
        </p>
      )}
      <ChatList entries={entries} renderEntry={renderEntry} />
      <ChatErrorBar error={state.error} settings={state.settings} onDismiss={dismissError} />
      <ChatInput onSend={send} readonly={meId === null} />
    </aside>
  );
}
