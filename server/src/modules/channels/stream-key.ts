import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * A stream key is `live_<keyId>_<secret>`. The key id is stored in clear to find the channel
 * with one indexed lookup; the secret (190 bits) is stored only as its SHA-256 and compared
 * in constant time. A slow hash (argon2) buys nothing for a random secret of this length and
 * would put a memory-hard hash on every RTMP connect.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const KEY_PATTERN = /^live_([A-Za-z0-9]{12})_([A-Za-z0-9]{32})$/;

export function randomToken(length: number): string {
  // Rejection sampling keeps every character equally likely.
  const out: string[] = [];
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out.push(ALPHABET[byte % 62]!);
    }
  }
  return out.join('');
}

export interface NewStreamKey {
  /** Shown to the streamer once, never stored. */
  readonly key: string;
  readonly keyId: string;
  readonly hash: string;
}

export function generateStreamKey(): NewStreamKey {
  const keyId = randomToken(12);
  const secret = randomToken(32);
  return { key: `live_${keyId}_${secret}`, keyId, hash: hashSecret(secret) };
}

export function parseStreamKey(key: string): { keyId: string; secret: string } | null {
  const m = KEY_PATTERN.exec(key);
  return m ? { keyId: m[1]!, secret: m[2]! } : null;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function generatePlaybackId(): string {
  return randomToken(20);
}
