import { chatKo } from './chat-i18n';
import type { ChatFailure, NoticeItem } from './chat-state';
import { formatDuration, type ChatKey, type ChatT } from './use-chat-t';
import type { ChatSettings } from '@lait/shared';
import { CHAT_MAX_LENGTH } from '@lait/shared';

const isKnown = (table: object, code: string) => Object.hasOwn(table, code);

/** A system line in the reader's language, from its code; the server's English text is the last resort. */
export function noticeText(t: ChatT, notice: NoticeItem): string {
  const { code, params } = notice;
  if (!isKnown(chatKo.notice, code)) return notice.message || code;
  const user = typeof params['nickname'] === 'string' ? params['nickname'] : t('notice.someone');
  const seconds = typeof params['seconds'] === 'number' ? params['seconds'] : 0;
  return t(`notice.${code}` as ChatKey, { ...params, user, seconds, duration: formatDuration(t, seconds) });
}

/** Why the server refused, in the reader's language; waits count down from when the refusal came. */
export function failureText(t: ChatT, error: ChatFailure, settings: ChatSettings | null, now: number): string {
  const left = error.retryAfterSec === undefined ? undefined : Math.max(0, Math.ceil(error.retryAfterSec - (now - error.at) / 1000));
  switch (error.code) {
    case 'CHAT_SLOW_MODE': {
      const seconds = left ?? settings?.slowModeSec ?? 0;
      return seconds > 0 ? t('error.CHAT_SLOW_MODE', { seconds }) : t('error.CHAT_SLOW_MODE_DONE');
    }
    case 'CHAT_TIMED_OUT':
      return t('error.CHAT_TIMED_OUT', { duration: formatDuration(t, left ?? 0) });
    case 'CHAT_FOLLOWERS_ONLY': {
      const min = settings?.followersOnlyMin ?? 0;
      return min > 0 ? t('error.CHAT_FOLLOWERS_ONLY_MIN', { duration: formatDuration(t, min * 60) }) : t('error.CHAT_FOLLOWERS_ONLY');
    }
    case 'CHAT_TOO_LONG':
      return t('error.CHAT_TOO_LONG', { max: CHAT_MAX_LENGTH });
    default:
      return isKnown(chatKo.error, error.code) ? t(`error.${error.code}` as ChatKey) : t('error.unknown', { code: error.code });
  }
}
