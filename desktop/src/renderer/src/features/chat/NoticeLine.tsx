import type { MessageKey } from '../../i18n/messages';
import { isMessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/i18n';
import type { NoticeLine as Line } from './chat-state';

/** A server notice (time-out, ban, slow mode, stream ended…) in the streamer's language, from its code. */
export function NoticeLine({ line }: { line: Line }) {
  const { t } = useI18n();
  const { code, message, params } = line.notice;
  const key = `chat.notice.${code}`;
  const user = line.nickname ?? t('chat.notice.someone');
  const seconds = typeof params?.['seconds'] === 'number' ? params['seconds'] : 0;
  const minutes = Math.max(1, Math.round(seconds / 60));
  const text = isMessageKey(key) ? t(key as MessageKey, { user, seconds, minutes }) : message || code;
  return <li className="chat-notice muted" data-testid="chat-notice" data-code={code}>{text}</li>;
}
