export interface JwtTimes {
  /** Seconds since the epoch, by the issuer's clock. */
  exp: number;
  iat: number | null;
}

function decodeBase64Url(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * Reads `exp` and `iat` from a JWT without verifying it: the client only needs to know when to
 * refresh; the server verifies every token it receives. Null when the token is not a JWT with `exp`.
 */
export function readJwtTimes(token: string): JwtTimes | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims: unknown = JSON.parse(decodeBase64Url(payload));
    if (typeof claims !== 'object' || claims === null) return null;
    const { exp, iat } = claims as Record<string, unknown>;
    if (typeof exp !== 'number') return null;
    return { exp, iat: typeof iat === 'number' ? iat : null };
  } catch {
    return null;
  }
}
