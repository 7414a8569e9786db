import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../../config.js';

/**
 * Redis when it is usable, a fallback when it is not: every chat feature that uses Redis goes
 * through `run`, so an outage degrades to in-process state instead of failing sends. Commands
 * fail fast (the shared client has no offline queue), so a down Redis costs no waiting.
 */
export class RedisGate {
  private failing = false;
  private readonly recoveredListeners: (() => void)[] = [];

  constructor(
    readonly redis: Redis | null,
    /** Namespaces keys and pub/sub channels per deployment (see chatKeyPrefix). */
    readonly prefix: string,
    private readonly log: FastifyBaseLogger,
    /** Counts every failed command (metrics); the log only hears of the first per outage. */
    private readonly onCommandError: () => void = () => {},
  ) {
    redis?.on('ready', () => {
      this.failing = false;
      for (const fn of this.recoveredListeners) fn();
    });
  }

  get client(): Redis | null {
    return this.redis?.status === 'ready' ? this.redis : null;
  }

  key(...parts: (string | number)[]): string {
    return `${this.prefix}${parts.join(':')}`;
  }

  async run<T>(fn: (r: Redis) => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
    const r = this.client;
    if (!r) return fallback();
    try {
      return await fn(r);
    } catch (err) {
      this.onCommandError();
      // Logged once per outage; the Redis plugin logs the connection itself.
      if (!this.failing) this.log.warn({ err: (err as Error).message }, 'chat: Redis command failed, using in-process state');
      this.failing = true;
      return fallback();
    }
  }

  /** Called each time Redis becomes ready again (resync what was kept locally meanwhile). */
  onRecovered(fn: () => void): void {
    this.recoveredListeners.push(fn);
  }
}

/**
 * Key prefix derived from the database: processes that share a database share chat state, and
 * deployments (or test databases) that share one Redis never see each other's keys or broadcasts.
 */
export function chatKeyPrefix(database: Config['database']): string {
  const identity = database.type === 'sqlite' ? database.file : normaliseMysqlUrl(database.url);
  return `lait:chat:${createHash('sha256').update(identity).digest('hex').slice(0, 10)}:`;
}

function normaliseMysqlUrl(url: string): string {
  const u = new URL(url);
  const host = u.hostname === 'localhost' ? '127.0.0.1' : u.hostname;
  return `mysql://${host}:${u.port || '3306'}${u.pathname}`.toLowerCase();
}
