import { useState } from 'react';
import type { ChatMessage, ChatRole } from '@lait/shared';
import type { ChatModeration } from './use-chat';
import { useChatT } from './use-chat-t';

export const TIMEOUT_SEC = 600;

export interface MessageMenuProps {
  message: ChatMessage;
  myRole: ChatRole | null;
  meId: number | null;
  moderation: Pick<ChatModeration, 'deleteMessage' | 'timeout' | 'ban'>;
}

/** Nobody acts on the streamer or on themselves; moderators do not act on each other (as the server rules). */
function canActOnUser(message: ChatMessage, myRole: ChatRole | null, meId: number | null): boolean {
  if (message.user.id === meId || message.user.role === 'streamer') return false;
  return myRole === 'streamer' || message.user.role !== 'moderator';
}

/** The per-message actions for the streamer and moderators, opened inline under the message. */
export function MessageMenu({ message, myRole, meId, moderation }: MessageMenuProps) {
  const t = useChatT();
  const [open, setOpen] = useState(false);
  const userActions = canActOnUser(message, myRole, meId);
  const run = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  return (
    <>
      <button
        type="button"
        className="chat-line__menu-toggle"
        data-testid="chat-message-menu"
        aria-label={t('menu.open', { user: message.user.nickname })}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <circle cx="3" cy="8" r="1.5" fill="currentColor" />
          <circle cx="8" cy="8" r="1.5" fill="currentColor" />
          <circle cx="13" cy="8" r="1.5" fill="currentColor" />
        </svg>
      </button>
      {open && (
        <div className="chat-line__menu" role="group" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <button type="button" data-testid="chat-delete" onClick={run(() => moderation.deleteMessage(message.id))}>
            {t('menu.delete')}
          </button>
          {userActions && (
            <>
              <button type="button" data-testid="chat-timeout" onClick={run(() => moderation.timeout(message.user.id, TIMEOUT_SEC))}>
                {t('menu.timeout')}
              </button>
              <button type="button" className="chat-line__danger" data-testid="chat-ban" onClick={run(() => moderation.ban(message.user.id))}>
                {t('menu.ban')}
              </button>
            </>
          )}
        </div>
      )}
    </>
  );
}
