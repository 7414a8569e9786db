import type { ko } from '../../i18n/ko';

export type HintKey = `auth.hint.${keyof (typeof ko)['auth']['hint']}`;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Mirrors NicknameSchema in @lait/shared; the server has the last word. */
const NICKNAME_CHARS = /^[가-힣A-Za-z0-9_]+$/;

export function emailHint(email: string): HintKey | null {
  return email === '' || EMAIL.test(email.trim()) ? null : 'auth.hint.emailInvalid';
}

export function passwordHint(password: string): HintKey | null {
  return password === '' || password.length >= 8 ? null : 'auth.hint.passwordShort';
}

export function nicknameHint(nickname: string): HintKey | null {
  if (nickname === '') return null;
  if (!NICKNAME_CHARS.test(nickname)) return 'auth.hint.nicknameChars';
  return nickname.length < 2 || nickname.length > 20 ? 'auth.hint.nicknameLength' : null;
}
