import { useEffect, useState } from 'react';
import { nicknameColor, type ChatMessage, type ChatRole, type ChatUser } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../lib/api-context';
import { canActOnUser, TIMEOUT_CHOICES_SEC } from './MessageMenu';
import type { ChatModeration } from './use-chat';
import { useChatT } from './use-chat-t';
import './user-card.css';

export interface UserCardProps {
  slug: string;
  user: ChatUser;
  /** Messages of the room as this page has them; the card shows the user's last few. */
  messages: readonly ChatMessage[];
  myRole: ChatRole | null;
  meId: number | null;
  moderation: Pick<ChatModeration, 'timeout' | 'ban'>;
  onClose(): void;
}

const RECENT = 5;

/** Opened from a nickname: who they are, since when they follow, what they said, and moderation for mods. */
export function UserCard({ slug, user, messages, myRole, meId, moderation, onClose }: UserCardProps) {
  const t = useChatT();
  const { i18n } = useTranslation();
  const api = useApi();
  const [followedAt, setFollowedAt] = useState<string | null | undefined>(undefined);
  const [confirmBan, setConfirmBan] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    api.getFollowedSince(slug, user.id, ctrl.signal).then((r) => setFollowedAt(r.followedAt), () => undefined);
    return () => ctrl.abort();
  }, [api, slug, user.id]);
  const recent = messages.filter((m) => m.user.id === user.id).slice(-RECENT);
  const canAct = (myRole === 'streamer' || myRole === 'moderator') && canActOnUser({ user }, myRole, meId);
  const run = (action: () => void) => () => {
    onClose();
    action();
  };

  return (
    <div className="chat-card" role="dialog" aria-label={t('card.open', { user: user.nickname })} data-testid="chat-user-card" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="chat-card__head">
        <strong style={{ color: nicknameColor(user.id) }}>{user.nickname}</strong>
        {user.role !== 'viewer' && <span className={`chat-badge chat-badge--${user.role}`}>{t(`role.${user.role}`)}</span>}
        <button type="button" className="chat-card__close" aria-label={t('card.close')} onClick={onClose} autoFocus>
          ×
        </button>
      </div>
      {followedAt !== undefined && (
        <p className="chat-card__meta" data-testid="chat-card-follow">
          {followedAt ? t('card.followedSince', { date: new Date(followedAt).toLocaleDateString(i18n.resolvedLanguage) }) : t('card.notFollowing')}
        </p>
      )}
      <p className="chat-card__label">{t('card.recent')}</p>
      <ul className="chat-card__recent" data-testid="chat-card-recent">
        {recent.length === 0 && <li className="chat-card__meta">{t('card.noRecent')}</li>}
        {recent.map((m) => (
          <li key={m.id}>{m.text}</li>
        ))}
      </ul>
      {canAct && (
        <div className="chat-card__actions">
          {confirmBan ? (
            <>
              <p className="chat-line__confirm" role="alert">{t('menu.banConfirm', { user: user.nickname })}</p>
              <button type="button" className="chat-line__danger" data-testid="chat-card-ban-confirm" onClick={run(() => moderation.ban(user.id))}>
                {t('menu.banYes')}
              </button>
              <button type="button" onClick={() => setConfirmBan(false)}>{t('menu.cancel')}</button>
            </>
          ) : (
            <>
              {TIMEOUT_CHOICES_SEC.map((sec) => (
                <button key={sec} type="button" data-testid={`chat-card-timeout-${sec}`} onClick={run(() => moderation.timeout(user.id, sec))}>
                  {t('menu.timeoutFor', { duration: t(`menu.durations.${sec}`) })}
                </button>
              ))}
              <button type="button" className="chat-line__danger" data-testid="chat-card-ban" onClick={() => setConfirmBan(true)}>
                {t('menu.ban')}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
