import { nicknameColor, type ChatMessage } from '@lait/shared';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { TIMEOUT_CHOICES, type ModerationAction } from './use-chat';

interface Props {
  message: ChatMessage;
  mine: boolean;
  /** Whether the streamer (or a moderator) may act on this message. */
  canModerate: boolean;
  onModerate: (action: ModerationAction) => void;
}

/**
 * One chat line; the streamer's menu on other people's lines: delete, a time-out of 1 min, 10 min,
 * 1 h or 24 h (as Twitch and CHZZK offer), and a ban that asks first.
 */
export function ChatLine({ message, mine, canModerate, onModerate }: Props) {
  const { t } = useI18n();
  const [menu, setMenu] = useState<'closed' | 'open' | 'confirm-ban'>('closed');
  const act = (action: ModerationAction) => {
    setMenu('closed');
    onModerate(action);
  };
  return (
    <li className={`chat-line${mine ? ' chat-mine' : ''}`} data-testid="chat-message" data-id={message.id} data-user-id={message.user.id}>
      {message.user.role !== 'viewer' && (
        <span className={`chat-badge chat-badge--${message.user.role}`} data-testid="chat-badge">{t(`chat.role.${message.user.role}`)}</span>
      )}
      <span className={`chat-nick chat-role-${message.user.role}`} style={{ color: nicknameColor(message.user.id) }}>{message.user.nickname}</span>
      <span className="chat-text">{message.text}</span>
      {canModerate && !mine && (
        <span className="chat-menu">
          <button type="button" className="chat-menu-toggle" data-testid="chat-menu-button" aria-label={t('chat.menu')} aria-expanded={menu !== 'closed'}
            onClick={() => setMenu((m) => (m === 'closed' ? 'open' : 'closed'))}>⋯</button>
          {menu === 'open' && (
            <span className="chat-menu-items" role="menu">
              <button type="button" role="menuitem" data-testid="chat-delete" onClick={() => act({ kind: 'delete' })}>{t('chat.delete')}</button>
              <span className="chat-menu-label">{t('chat.timeoutFor')}</span>
              {TIMEOUT_CHOICES.map((seconds) => (
                <button key={seconds} type="button" role="menuitem" data-testid={`chat-timeout-${seconds}`} onClick={() => act({ kind: 'timeout', seconds })}>
                  {t(`chat.timeout.${seconds}`)}
                </button>
              ))}
              <button type="button" role="menuitem" className="danger" data-testid="chat-ban" onClick={() => setMenu('confirm-ban')}>{t('chat.ban')}</button>
            </span>
          )}
          {menu === 'confirm-ban' && (
            <span className="chat-menu-items chat-confirm" role="alertdialog" aria-label={t('chat.banConfirm', { nickname: message.user.nickname })}>
              <span>{t('chat.banConfirm', { nickname: message.user.nickname })}</span>
              <button type="button" className="danger" data-testid="chat-ban-confirm" onClick={() => act({ kind: 'ban' })}>{t('chat.ban')}</button>
              <button type="button" data-testid="chat-ban-cancel" onClick={() => setMenu('closed')}>{t('common.cancel')}</button>
            </span>
          )}
        </span>
      )}
    </li>
  );
}
