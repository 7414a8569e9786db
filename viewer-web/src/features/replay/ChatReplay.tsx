import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../lib/format';
import { useChatReplay } from './use-chat-replay';

export function ChatReplay({ videoId, positionSec }: { videoId: string; positionSec: number }) {
  const { t } = useTranslation();
  const messages = useChatReplay(videoId, positionSec);
  return (
    <aside className="replay-chat" aria-label={t('replay.chat')} data-testid="chat-replay">
      <h2 className="replay-chat__title">{t('replay.chat')}</h2>
      {messages.length === 0 ? (
        <p className="replay-chat__empty">{t('replay.chatEmpty')}</p>
      ) : (
        <ol className="replay-chat__list">
          {messages.map((m) => (
            <li key={m.id} className="replay-chat__line" data-testid="chat-replay-line" data-offset={m.offsetSec.toFixed(1)}>
              <time className="replay-chat__at">{formatDuration(m.offsetSec)}</time> <strong>{m.nickname}</strong> {m.text}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
