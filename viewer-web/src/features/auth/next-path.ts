import { safeNextPath as sameOriginPath } from '@lait/shared';

/** A same-site path to return to after login (the shared check), never back to login or sign-up. */
export function safeNextPath(raw: string | null | undefined): string {
  const path = sameOriginPath(raw);
  return path.startsWith('/login') || path.startsWith('/signup') ? '/' : path;
}
