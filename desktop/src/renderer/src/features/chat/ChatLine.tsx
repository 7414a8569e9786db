import type { ChatMessage } from '@lait/shared';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';

interface Props {
  message: ChatMessage;
  mine: boolean;
  /** Whether the streamer (or a moderator) may act on this message. */
  canModerate: boolean;
  onModerate: (action: 'delete' | 'timeout' | 'ban') => void;
}

/** One chat line; the streamer's menu (delete, 10 min time-out, ban) on other people's lines. */
export function ChatLine({ message, mine, canModerate, onModerate }: Props) {
  const { t } = useI18n();
  const [menu, setMenu] = useState(false);
  const act = (action: 'delete' | 'timeout' | 'ban') => {
    setMenu(false);
    onModerate(action);
  };
  return (
    <li className={`chat-line${mine ? ' chat-mine' : ''}`} data-testid="chat-message" data-id={message.id} data-user-id={message.user.id}>
      <span className={`chat-nick chat-role-${message.user.role}`}>{message.user.nickname}</span>
      <span className="chat-text">{message.text}</span>
      {canModerate && !mine && (
        <span className="chat-menu">
          <button type="button" className="chat-menu-button" data-testid="chat-menu-button" aria-label={t('chat.menu')} aria-expanded={menu}
            onClick={() => setMenu((m) => !m)}>⋯</button>
          {menu && (
            <span className="chat-menu-items" role="menu">
              <button type="button" role="menuitem" data-testid="chat-delete" onClick={() => act('delete')}>{t('chat.delete')}</button>
              <button type="button" role="menuitem" data-testid="chat-timeout" onClick={() => act('timeout')}>{t('chat.timeout')}</button>
              <button type="button" role="menuitem" data-testid="chat-ban" onClick={() => act('ban')}>{t('chat.ban')}</button>
            </span>
          )}
        </span>
      )}
    </li>
  );
}
