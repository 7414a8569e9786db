import { hash, verify } from '@node-rs/argon2';
import type { PasswordWeakness } from '@lait/shared';

/** argon2id at OWASP's recommended minimum (19 MiB, 2 passes): ~30 ms here, and memory-hard. */
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id: a const enum, not importable with isolatedModules */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const COMMON = new Set([
  'password', 'password1', '12345678', '123456789', '1234567890', 'qwerty123', 'qwertyuiop', '11111111',
  'iloveyou', 'abcd1234', 'qwer1234', 'asdf1234', '1q2w3e4r', '1q2w3e4r5t', 'zxcvbnm1', 'a1234567',
  'sarang123', 'saranghae', 'password123', 'letmein1', 'admin123', '00000000', '88888888', 'aa123456',
]);

const EXPLAIN: Record<PasswordWeakness, string> = {
  'too-short': 'use at least 8 characters',
  common: 'this password is one of the most common ones',
  'one-kind': 'mix letters with digits or symbols (or use 16+ characters)',
  repeated: 'too many repeated characters',
  'contains-email': 'do not use your email in your password',
  'contains-nickname': 'do not use your nickname in your password',
};

/** The rule a password breaks, in plain words. */
export function explainWeakness(reason: PasswordWeakness): string {
  return EXPLAIN[reason];
}

/** Null when strong enough, else the rule it breaks. Schema already bounds the length. */
export function passwordWeakness(password: string, context: { email?: string; nickname?: string }): PasswordWeakness | null {
  if (password.length < 8) return 'too-short';
  if (COMMON.has(password.toLowerCase())) return 'common';
  const kinds = [/[a-zA-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (kinds < 2 && password.length < 16) return 'one-kind';
  if (new Set(password).size < 4) return 'repeated';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) return 'contains-email';
  if (context.nickname && context.nickname.length >= 4 && password.toLowerCase().includes(context.nickname.toLowerCase())) return 'contains-nickname';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}

/** Verified against when the email is unknown, so a miss costs the same time as a hit. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Hk0s5bVvQrY4bM8wq5m0nJk8mA0W5ZfYk2mXh8R8mOs';
