import type { ChatSettings } from '@lait/shared';
import { ChatSettingsMenu } from './ChatSettingsMenu';
import type { ConnectionStatus } from './chat-state';
import type { ChatModeration } from './use-chat';
import { useChatT } from './use-chat-t';

export interface ChatHeaderProps {
  status: ConnectionStatus;
  viewerCount: number | null;
  settings: ChatSettings | null;
  canModerate: boolean;
  moderation: ChatModeration;
}

export function ChatHeader({ status, viewerCount, settings, canModerate, moderation }: ChatHeaderProps) {
  const t = useChatT();
  return (
    <header className="chat-header">
      <h2 className="chat-header__title">{t('title')}</h2>
      <span className={`chat-status chat-status--${status}`} data-testid="chat-status" data-state={status} role="status">
        <span className="chat-status__dot" aria-hidden="true" />
        <span className={status === 'connected' ? 'chat-sr-only' : undefined}>{t(`status.${status}`)}</span>
      </span>
      <span className="chat-header__spacer" />
      {viewerCount !== null && (
        <span className="chat-viewers" data-testid="chat-viewers" data-count={viewerCount} title={t('viewersLabel', { n: viewerCount })}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path fill="currentColor" d="M8 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm0 1.5c-3 0-5.5 1.6-5.5 3.6V14h11v-.9c0-2-2.5-3.6-5.5-3.6Z" />
          </svg>
          <span className="chat-sr-only">{t('viewersLabel', { n: viewerCount })}</span>
          <span aria-hidden="true">{t('viewers', { n: viewerCount })}</span>
        </span>
      )}
      {canModerate && settings && <ChatSettingsMenu settings={settings} moderation={moderation} />}
    </header>
  );
}
