import { useMemo } from 'react';
import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { chatEn, chatKo, type ChatMessages } from './chat-i18n';

type Paths<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}` }[keyof T & string];
export type ChatKey = Paths<ChatMessages>;
export type ChatT = (key: ChatKey, options?: Record<string, unknown>) => string;

const NS = 'chat';

/** Adds the chat namespace to an i18next instance once (the app's typed resources stay untouched). */
export function addChatResources(instance: i18n): void {
  if (instance.hasResourceBundle('ko', NS)) return;
  instance.addResourceBundle('ko', NS, chatKo);
  instance.addResourceBundle('en', NS, chatEn);
}

/** A `t` for chat strings in the current language; components re-render when it changes. */
export function useChatT(): ChatT {
  const { i18n } = useTranslation();
  addChatResources(i18n);
  const lng = i18n.language;
  return useMemo(() => {
    // The app's i18next types only know the `translation` namespace: chat keys are typed by ChatKey instead.
    const fixed = (i18n.getFixedT as unknown as (l: string, ns: string) => (k: string, o?: object) => string)(lng, NS);
    return (key, options) => fixed(key, options);
  }, [i18n, lng]);
}

/** "10분", "2시간": the largest unit that fits, rounded up. */
export function formatDuration(t: ChatT, seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return t('duration.seconds', { n: s });
  if (s < 3600) return t('duration.minutes', { n: Math.ceil(s / 60) });
  if (s < 86_400) return t('duration.hours', { n: Math.ceil(s / 3600) });
  return t('duration.days', { n: Math.ceil(s / 86_400) });
}
