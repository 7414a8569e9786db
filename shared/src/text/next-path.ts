/** Anything that is not a printable ASCII character, or a backslash (browsers read it as `/`). */
const UNSAFE = /[^\x21-\x5B\x5D-\x7E]/;

function decodeOnce(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

function isPlainPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !UNSAFE.test(path);
}

/**
 * A path on this site to go to after signing in, or `/`. Strict on purpose: `next` must be a path
 * that starts with exactly one `/`, holds only printable ASCII without `\`, and stays so once
 * percent-decoded. Browsers drop tab, CR and LF from URLs, so `/%09/evil.example` would become
 * `//evil.example` (another origin); characters outside ASCII are refused rather than encoded, so
 * building a `Location` header from the answer cannot fail (issue 9).
 * The answer is the input unchanged, or `/`.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (typeof raw !== 'string' || raw.length > 2048 || !isPlainPath(raw)) return '/';
  const decoded = decodeOnce(raw);
  // Decoded, it may hold non-ASCII letters (a Korean search term): only its shape is checked.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (decoded === null || decoded.startsWith('//') || /[\s\x00-\x1F\x7F-\x9F\\\u2028\u2029\u202A-\u202E\u2066-\u2069]/.test(decoded)) return '/';
  return raw;
}
