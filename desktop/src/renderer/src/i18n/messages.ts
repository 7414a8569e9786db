import { en } from './messages.en';
import { ko } from './messages.ko';

/** A message key; Korean is the source of truth, English must cover every key. */
export type MessageKey = keyof typeof ko;

/** Supported locales. */
export type Locale = 'ko' | 'en';

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { ko, en };

/** Look up and interpolate `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return MESSAGES[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** Whether `key` names a message (for error codes coming from main). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(ko, key);
}
