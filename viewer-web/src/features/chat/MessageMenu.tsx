import { useState } from 'react';
import type { ChatMessage, ChatRole } from '@lait/shared';
import type { ChatModeration } from './use-chat';
import { useChatT } from './use-chat-t';

/** Timeout lengths offered, as Twitch and CHZZK offer them. */
export const TIMEOUT_CHOICES_SEC = [60, 600, 3600, 86400] as const;

type MenuView = 'actions' | 'timeout' | 'ban';

export interface MessageMenuProps {
  message: ChatMessage;
  myRole: ChatRole | null;
  meId: number | null;
  moderation: Pick<ChatModeration, 'deleteMessage' | 'timeout' | 'ban'>;
}

/** Nobody acts on the streamer or on themselves; moderators do not act on each other (as the server rules). */
export function canActOnUser(message: Pick<ChatMessage, 'user'>, myRole: ChatRole | null, meId: number | null): boolean {
  if (message.user.id === meId || message.user.role === 'streamer') return false;
  return myRole === 'streamer' || message.user.role !== 'moderator';
}

/** The per-message actions for the streamer and moderators, opened inline under the message. */
export function MessageMenu({ message, myRole, meId, moderation }: MessageMenuProps) {
  const t = useChatT();
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<MenuView>('actions');
  const userActions = canActOnUser(message, myRole, meId);
  const run = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  const toggle = () => {
    setView('actions');
    setOpen((o) => !o);
  };
  const user = message.user.nickname;
  return (
    <>
      <button
        type="button"
        className="chat-menu-toggle chat-line__menu-toggle"
        data-testid="chat-message-menu"
        aria-label={t('menu.open', { user: message.user.nickname })}
        aria-expanded={open}
        onClick={toggle}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <circle cx="3" cy="8" r="1.5" fill="currentColor" />
          <circle cx="8" cy="8" r="1.5" fill="currentColor" />
          <circle cx="13" cy="8" r="1.5" fill="currentColor" />
        </svg>
      </button>
      {open && (
        <div className="chat-line__menu" role="group" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {view === 'actions' && (
            <>
              <button type="button" data-testid="chat-delete" onClick={run(() => moderation.deleteMessage(message.id))}>
                {t('menu.delete')}
              </button>
              {userActions && (
                <>
                  <button type="button" data-testid="chat-timeout" onClick={() => setView('timeout')}>
                    {t('menu.timeout')}
                  </button>
                  <button type="button" className="chat-line__danger" data-testid="chat-ban" onClick={() => setView('ban')}>
                    {t('menu.ban')}
                  </button>
                </>
              )}
            </>
          )}
          {view === 'timeout' &&
            TIMEOUT_CHOICES_SEC.map((sec) => (
              <button key={sec} type="button" data-testid={`chat-timeout-${sec}`} onClick={run(() => moderation.timeout(message.user.id, sec))}>
                {t('menu.timeoutFor', { duration: t(`menu.durations.${sec}`) })}
              </button>
            ))}
          {view === 'ban' && (
            <>
              <p className="chat-line__confirm" role="alert">
                {t('menu.banConfirm', { user })}
              </p>
              <button type="button" className="chat-line__danger" data-testid="chat-ban-confirm" onClick={run(() => moderation.ban(message.user.id))}>
                {t('menu.banYes')}
              </button>
            </>
          )}
          {view !== 'actions' && (
            <button type="button" data-testid="chat-menu-cancel" onClick={() => setView('actions')}>
              {t('menu.cancel')}
            </button>
          )}
        </div>
      )}
    </>
  );
}
