/**
 * Removes secrets from anything about to leave for an error tracker (the server's and the site's
 * Sentry `beforeSend`): stream keys,
 * tokens (bearer, JWT, refresh cookies, publish tokens), cookies, Authorization headers, the
 * notify secret in query strings. Applied to whole events, so a secret inside an exception
 * message, a breadcrumb or request data is caught wherever it sits.
 */
/** What a removed secret is replaced with. */
export const FILTERED = '[Filtered]';

/** Keys whose values are secret whatever they hold. */
const SECRET_KEY = /authorization|cookie|token|secret|password|passwd|stream_?key|api_?key|credential|session|dsn/i;

const SECRET_TEXT: RegExp[] = [
  // Stream keys: live_<12>_<32> (server/src/modules/channels/stream-key.ts).
  /live_[A-Za-z0-9]{8,}_[A-Za-z0-9]{16,}/g,
  // JWTs (access tokens) wherever they appear.
  /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g,
  // `Bearer <anything>` in messages.
  /\bBearer\s+[^\s"',;]+/gi,
  // Query or form parameters with a secret-looking name (`?secret=…`, `&token=…`).
  /\b([\w-]*(?:secret|token|key|password|code)[\w-]*)=[^&\s"']+/gi,
];

/** `text` with every stream key, JWT, bearer token and secret-named parameter replaced by FILTERED. */
export function scrubText(text: string): string {
  let out = text;
  for (const pattern of SECRET_TEXT) {
    out = out.replace(pattern, (match: string, name?: unknown) => (typeof name === 'string' && match.includes('=') ? `${name}=${FILTERED}` : FILTERED));
  }
  return out;
}

/** A deep copy of `value` with secret keys blanked and secrets in strings replaced. Cycles end in FILTERED. */
export function scrub<T>(value: T, seen: WeakSet<object> = new WeakSet()): T {
  if (typeof value === 'string') return scrubText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return FILTERED as T;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, seen)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = SECRET_KEY.test(key) && v !== undefined && v !== null && v !== '' ? FILTERED : scrub(v, seen);
  }
  return out as T;
}
