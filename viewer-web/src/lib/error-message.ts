import type { ko } from '../i18n/ko';
import { isApiRequestError } from './api-error';

type ErrorKey = keyof (typeof ko)['errors'];

function isErrorKey(code: string, known: Record<string, string>): code is ErrorKey {
  return code !== 'unknown' && Object.hasOwn(known, code);
}

/**
 * The i18n key (under `errors.`) that explains `err` to the user: the server's code when we have
 * words for it, else by status class. Pass the `errors` messages object to check against.
 */
export function errorMessageKey(err: unknown, known: Record<string, string>): `errors.${ErrorKey}` {
  if (!isApiRequestError(err)) return 'errors.unknown';
  if (isErrorKey(err.code, known)) return `errors.${err.code}`;
  if (err.status === 401) return 'errors.UNAUTHORIZED';
  if (err.status === 429) return 'errors.RATE_LIMITED';
  if (err.status === 400 || err.status === 422) return 'errors.VALIDATION_FAILED';
  if (err.status >= 500) return 'errors.SERVICE_UNAVAILABLE';
  return 'errors.unknown';
}
