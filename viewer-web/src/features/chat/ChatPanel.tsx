import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChatUser } from '@lait/shared';
import { ChatErrorBar } from './ChatErrorBar';
import { ChatHeader } from './ChatHeader';
import { ChatComposer } from './ChatComposer';
import { ChatLine } from './ChatLine';
import { ChatList } from './ChatList';
import { UserCard } from './UserCard';
import { selectEntries, type ChatEntry } from './chat-state';
import { useChat } from './use-chat';
import { useChatT } from './use-chat-t';
import './chat.css';

export interface ChatPanelProps {
  slug: string;
  /** The room's viewer count as chat knows it (with this viewer in it), so the page can show the same number. */
  onViewerCount?: ((count: number | null) => void) | undefined;
}

/** The chat of a channel page: beside the player on wide screens, below it on narrow ones. */
export function ChatPanel({ slug, onViewerCount }: ChatPanelProps) {
  const t = useChatT();
  const chat = useChat(slug);
  const { state, meId, send, dismissError, loadOlder, deleteMessage, timeout, ban, clear, updateSettings, restrictionEnded } = chat;
  const { messages, notices, pending, deleted, role } = state;
  const entries = useMemo(() => selectEntries({ messages, notices, pending, deleted }), [messages, notices, pending, deleted]);
  const moderation = useMemo(() => ({ deleteMessage, timeout, ban, clear, updateSettings }), [deleteMessage, timeout, ban, clear, updateSettings]);
  const [card, setCard] = useState<ChatUser | null>(null);
  const renderEntry = useCallback(
    (entry: ChatEntry) => <ChatLine entry={entry} myRole={role} meId={meId} moderation={moderation} onOpenUser={setCard} />,
    [role, meId, moderation],
  );
  const canModerate = role === 'streamer' || role === 'moderator';
  useEffect(() => onViewerCount?.(state.viewerCount), [onViewerCount, state.viewerCount]);

  return (
    <aside className="chat-panel" data-testid="chat-panel" aria-label={t('title')}>
      <ChatHeader status={state.status} viewerCount={state.viewerCount} settings={state.settings} canModerate={canModerate} moderation={moderation} />
      {state.status === 'reconnecting' && (
        <p className="chat-banner" role="status">
          {t('status.reconnecting')}
        </p>
      )}
      <ChatList entries={entries} renderEntry={renderEntry} onReachTop={loadOlder} />
      {card && <UserCard slug={slug} user={card} messages={messages} myRole={role} meId={meId} moderation={moderation} onClose={() => setCard(null)} />}
      <ChatErrorBar error={state.error} settings={state.settings} onDismiss={dismissError} />
      <ChatComposer signedIn={meId !== null} restriction={state.restriction} onSend={send} onRestrictionEnded={restrictionEnded} />
    </aside>
  );
}
