import i18next, { type i18n } from 'i18next';
import { en } from '../i18n/en';
import { ko } from '../i18n/ko';

export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ko';

const STORAGE_KEY = 'lait.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Access throws when storage is disabled (some privacy modes).
    return null;
  }
}

export function readStoredLanguage(): Language {
  const stored = storage()?.getItem(STORAGE_KEY);
  return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}

/** A fresh i18next instance (no global one), ready synchronously with both languages bundled. */
export function createI18n(lng: Language = readStoredLanguage()): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources: { ko: { translation: ko }, en: { translation: en } },
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  document.documentElement.lang = lng;
  return instance;
}

/** Switches the language, remembers it and keeps `<html lang>` right for fonts and screen readers. */
export async function switchLanguage(instance: i18n, lng: Language): Promise<void> {
  storage()?.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
  await instance.changeLanguage(lng);
}
