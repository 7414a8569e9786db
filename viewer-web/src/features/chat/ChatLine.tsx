import { memo } from 'react';
import { nicknameColor, type ChatRole, type ChatUser } from '@lait/shared';
import { noticeText } from './chat-notice-text';
import type { ChatEntry } from './chat-state';
import { MessageMenu } from './MessageMenu';
import type { ChatModeration } from './use-chat';
import { useChatT } from './use-chat-t';

export interface ChatLineProps {
  entry: ChatEntry;
  myRole: ChatRole | null;
  meId: number | null;
  moderation: ChatModeration;
  /** Opens the user card; without it the nickname is plain text (a message still on its way). */
  onOpenUser?: ((user: ChatUser) => void) | undefined;
}

function Author({ user, onOpen }: { user: ChatUser; onOpen?: ((user: ChatUser) => void) | undefined }) {
  const t = useChatT();
  return (
    <>
      {user.role !== 'viewer' && (
        <span className={`chat-badge chat-badge--${user.role}`} title={t(`role.${user.role}`)} data-testid="chat-badge">
          {t(`role.${user.role}`)}
        </span>
      )}
      {onOpen ? (
        <button type="button" className="chat-line__nick chat-line__nick--button" style={{ color: nicknameColor(user.id) }} data-testid="chat-nick" onClick={() => onOpen(user)}>
          {user.nickname}
        </button>
      ) : (
        <span className="chat-line__nick" style={{ color: nicknameColor(user.id) }}>
          {user.nickname}
        </span>
      )}
      <span className="chat-line__sep">: </span>
    </>
  );
}

/** One row of the list: a message, a system notice, or a message still on its way. */
export const ChatLine = memo(function ChatLine({ entry, myRole, meId, moderation, onOpenUser }: ChatLineProps) {
  const t = useChatT();
  if (entry.kind === 'notice') {
    return (
      <p className="chat-notice" data-testid="chat-notice" data-code={entry.notice.code}>
        {noticeText(t, entry.notice)}
      </p>
    );
  }
  if (entry.kind === 'pending') {
    return (
      <p className="chat-line chat-line--pending" data-testid="chat-pending" title={t('pending')}>
        <Author user={entry.pending.user} />
        <span className="chat-line__text">{entry.pending.text}</span>
      </p>
    );
  }
  const { message, deleted } = entry;
  const moderator = myRole === 'streamer' || myRole === 'moderator';
  return (
    <div
      className={deleted ? 'chat-line chat-line--deleted' : 'chat-line'}
      data-testid="chat-message"
      data-id={message.id}
      data-user-id={message.user.id}
      data-deleted={deleted || undefined}
    >
      <p className="chat-line__body">
        <Author user={message.user} onOpen={onOpenUser} />
        <span className="chat-line__text">{deleted ? t('deleted') : message.text}</span>
      </p>
      {moderator && !deleted && <MessageMenu message={message} myRole={myRole} meId={meId} moderation={moderation} />}
    </div>
  );
});
