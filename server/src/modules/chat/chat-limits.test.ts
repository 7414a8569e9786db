import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { ChatLimits } from './chat-limits.js';
import { RedisGate } from './chat-redis.js';

describe('ChatLimits.take (token buckets for joins and history reads)', () => {
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: false, enableOfflineQueue: true });
  const prefix = `lait-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
  const log = pino({ level: 'silent' });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('shares one bucket between processes through Redis: the burst, then a wait', async () => {
    await redis.ping();
    const a = new ChatLimits(new RedisGate(redis, prefix, log));
    const b = new ChatLimits(new RedisGate(redis, prefix, log));
    const shape = { burst: 2, perSec: 0.5 };
    expect(await a.take('read:203.0.113.9', shape)).toBe(0);
    expect(await b.take('read:203.0.113.9', shape)).toBe(0);
    const wait = await a.take('read:203.0.113.9', shape);
    expect(wait).toBeGreaterThan(1000);
    expect(wait).toBeLessThanOrEqual(2000);
    expect(await redis.exists(`${prefix}tb:read:203.0.113.9`)).toBe(1);
    expect(await b.take('read:198.51.100.1', shape)).toBe(0);
    a.close();
    b.close();
  });

  it('keeps the same rule in process without Redis', async () => {
    const limits = new ChatLimits(new RedisGate(null, prefix, log));
    const shape = { burst: 1, perSec: 1 };
    expect(await limits.take('x', shape)).toBe(0);
    expect(await limits.take('x', shape)).toBeGreaterThan(0);
    limits.close();
  });
});
