import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AccountLockedError } from './auth.errors.js';

export interface LoginThrottleOptions {
  /** Failed logins an account takes before the first lockout. */
  freeFailures: number;
  /** The first lockout; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures are forgotten after this long without another one. */
  windowMs: number;
}

/** Where failure counts and lockouts live: Redis (shared by every process) or this process. */
interface FailureStore {
  lockedForMs(key: string): Promise<number>;
  /** Counts a failure; returns the count within the window. */
  addFailure(key: string, windowMs: number): Promise<number>;
  lock(key: string, ms: number): Promise<void>;
  clear(key: string): Promise<void>;
}

class RedisFailureStore implements FailureStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}
  async lockedForMs(key: string) {
    return Math.max(0, await this.redis.pttl(`${this.prefix}lock:${key}`));
  }
  async addFailure(key: string, windowMs: number) {
    const [[, count] = []] = (await this.redis.multi().incr(`${this.prefix}fail:${key}`).pexpire(`${this.prefix}fail:${key}`, windowMs).exec()) ?? [];
    return Number(count ?? 0);
  }
  async lock(key: string, ms: number) {
    await this.redis.set(`${this.prefix}lock:${key}`, '1', 'PX', ms);
  }
  async clear(key: string) {
    await this.redis.del(`${this.prefix}fail:${key}`, `${this.prefix}lock:${key}`);
  }
}

/** Bounded: past `maxEntries` accounts, the oldest entry goes (a spray over random emails cannot grow it). */
class MemoryFailureStore implements FailureStore {
  private readonly entries = new Map<string, { failures: number; failuresUntil: number; lockedUntil: number }>();
  constructor(private readonly maxEntries = 10_000) {}
  async lockedForMs(key: string) {
    return Math.max(0, (this.entries.get(key)?.lockedUntil ?? 0) - Date.now());
  }
  async addFailure(key: string, windowMs: number) {
    const now = Date.now();
    const prev = this.entries.get(key);
    const failures = prev && prev.failuresUntil > now ? prev.failures + 1 : 1;
    this.entries.delete(key);
    this.entries.set(key, { failures, failuresUntil: now + windowMs, lockedUntil: prev?.lockedUntil ?? 0 });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return failures;
  }
  async lock(key: string, ms: number) {
    const entry = this.entries.get(key);
    if (entry) entry.lockedUntil = Date.now() + ms;
  }
  async clear(key: string) {
    this.entries.delete(key);
  }
}

/**
 * Per-account back-off for password login, whatever address the attempts come from: after
 * `freeFailures` failures the account is locked for `baseDelayMs`, doubling with each further
 * failure up to `maxDelayMs`. A lockout is checked before the password is hashed, so a locked
 * account costs nothing to refuse. Keys are hashes: no email address is stored in Redis.
 * If Redis fails, login is not blocked (the per-address limits still hold).
 */
export class LoginThrottle {
  private readonly store: FailureStore;

  constructor(private readonly opts: LoginThrottleOptions, redis: Redis | null, prefix: string, private readonly onStoreError: (err: Error) => void = () => {}) {
    this.store = redis ? new RedisFailureStore(redis, prefix) : new MemoryFailureStore();
  }

  /** Throws {@link AccountLockedError} while the account is locked out. */
  async assertOpen(email: string): Promise<void> {
    const ms = await this.safely(() => this.store.lockedForMs(keyOf(email)), 0);
    if (ms > 0) throw new AccountLockedError(Math.ceil(ms / 1000));
  }

  async failed(email: string): Promise<void> {
    const key = keyOf(email);
    const failures = await this.safely(() => this.store.addFailure(key, this.opts.windowMs), 0);
    const over = failures - this.opts.freeFailures;
    if (over < 0) return;
    const ms = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** Math.min(over, 30));
    await this.safely(() => this.store.lock(key, ms), undefined);
  }

  async succeeded(email: string): Promise<void> {
    await this.safely(() => this.store.clear(keyOf(email)), undefined);
  }

  private async safely<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await op();
    } catch (err) {
      this.onStoreError(err as Error);
      return fallback;
    }
  }
}

const keyOf = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
