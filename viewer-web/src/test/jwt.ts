/** An unsigned JWT-shaped token with `iat` = now and `exp` = now + ttl (seconds, by `nowMs`). */
export function makeJwt(ttlSec: number, nowMs = Date.now(), claims: Record<string, unknown> = {}): string {
  const enc = (o: unknown) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o))))
      .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const iat = Math.floor(nowMs / 1000);
  return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: '1', nick: '라잇', iat, exp: iat + ttlSec, ...claims })}.sig`;
}
