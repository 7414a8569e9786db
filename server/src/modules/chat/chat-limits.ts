import { createHash } from 'node:crypto';
import { ChatError } from './chat.errors.js';
import type { RedisGate } from './chat-redis.js';

export interface ChatLimitOptions {
  /** Token bucket per user and channel: burst size and sustained messages per second. */
  burst: number;
  perSec: number;
  /** Same text from the same user within this window is refused. */
  duplicateWindowMs: number;
}

export const DEFAULT_LIMITS: ChatLimitOptions = Object.freeze({ burst: 8, perSec: 1, duplicateWindowMs: 30_000 });

export interface LimitRequest {
  channelId: number;
  userId: number;
  text: string;
  nonce: string;
  slowModeSec: number;
}

/*
 * One round trip per send. The duplicate key holds the nonce: a resend of the same message
 * (same nonce, e.g. after a reconnect to another process) is let through so that storage can
 * answer with the original id, and it consumes nothing.
 * Returns { verdict, waitMs }.
 */
const CHECK = `
local dup = redis.call('GET', KEYS[3])
if dup then
  if dup == ARGV[6] then return {'RESEND', 0} end
  return {'DUP', redis.call('PTTL', KEYS[3])}
end
local slowMs = tonumber(ARGV[4])
if slowMs > 0 then
  local ttl = redis.call('PTTL', KEYS[2])
  if ttl > 0 then return {'SLOW', ttl} end
end
local now = tonumber(ARGV[1])
local cap = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 't', 'v')
local tokens = cap
if b[1] then tokens = math.min(cap, tonumber(b[2]) + (now - tonumber(b[1])) / 1000 * rate) end
if tokens < 1 then return {'RATE', math.ceil((1 - tokens) / rate * 1000)} end
redis.call('HSET', KEYS[1], 't', now, 'v', tostring(tokens - 1))
redis.call('PEXPIRE', KEYS[1], math.ceil(cap / rate * 1000) + 1000)
if slowMs > 0 then redis.call('SET', KEYS[2], '1', 'PX', slowMs) end
redis.call('SET', KEYS[3], ARGV[6], 'PX', ARGV[5])
return {'OK', 0}`;

/** A plain token bucket (joins, history reads): returns 0, or the milliseconds until a token is back. */
const TAKE = `
local now = tonumber(ARGV[1])
local cap = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 't', 'v')
local tokens = cap
if b[1] then tokens = math.min(cap, tonumber(b[2]) + (now - tonumber(b[1])) / 1000 * rate) end
if tokens < 1 then return math.ceil((1 - tokens) / rate * 1000) end
redis.call('HSET', KEYS[1], 't', now, 'v', tostring(tokens - 1))
redis.call('PEXPIRE', KEYS[1], math.ceil(cap / rate * 1000) + 1000)
return 0`;

/** A token bucket's shape: burst size and sustained tokens per second. */
export interface BucketShape {
  burst: number;
  perSec: number;
}

type Verdict = 'OK' | 'RESEND' | 'DUP' | 'SLOW' | 'RATE';

/** Rate limit, slow mode and duplicate check: shared through Redis, per process without it. */
export class ChatLimits {
  private readonly buckets = new Map<string, { at: number; tokens: number; fullMs: number }>();
  private readonly expiries = new Map<string, { until: number; value: string }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly gate: RedisGate,
    private readonly options: ChatLimitOptions = DEFAULT_LIMITS,
  ) {
    // The in-process maps would otherwise keep every user who ever chatted.
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** Throws the refusal; resolves when the message may go on. */
  async check(req: LimitRequest): Promise<void> {
    const user = `${req.channelId}:${req.userId}`;
    const textHash = createHash('sha1').update(req.text.toLowerCase().replace(/\s+/g, ' ')).digest('base64url').slice(0, 16);
    const keys = [this.gate.key('rl', user), this.gate.key('slow', user), this.gate.key('dup', user, textHash)];
    const args = [Date.now(), this.options.burst, this.options.perSec, req.slowModeSec * 1000, this.options.duplicateWindowMs, req.nonce];
    const [verdict, waitMs] = await this.gate.run(
      async (r) => (await r.eval(CHECK, keys.length, ...keys, ...args)) as [Verdict, number],
      () => this.checkLocally(keys as [string, string, string], req),
    );
    const retryAfterSec = Math.max(1, Math.ceil(Number(waitMs) / 1000));
    if (verdict === 'DUP') throw new ChatError('CHAT_DUPLICATE', 'You just sent the same message', retryAfterSec);
    if (verdict === 'SLOW') throw new ChatError('CHAT_SLOW_MODE', `Slow mode: wait ${retryAfterSec} s`, retryAfterSec);
    if (verdict === 'RATE') throw new ChatError('CHAT_RATE_LIMITED', 'You are sending messages too fast', retryAfterSec);
  }

  /**
   * Takes a token from the bucket `name` (shared through Redis, per process without it).
   * Resolves with 0, or with how many milliseconds until one is back.
   */
  async take(name: string, shape: BucketShape): Promise<number> {
    const key = this.gate.key('tb', name);
    const waitMs = await this.gate.run(
      async (r) => Number(await r.eval(TAKE, 1, key, Date.now(), shape.burst, shape.perSec)),
      () => this.takeLocally(key, shape, Date.now()),
    );
    return waitMs;
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /** The same rules as the Lua script, on this process's maps. */
  private checkLocally([bucketKey, slowKey, dupKey]: [string, string, string], req: LimitRequest): [Verdict, number] {
    const now = Date.now();
    const dup = this.live(dupKey, now);
    if (dup) return dup.value === req.nonce ? ['RESEND', 0] : ['DUP', dup.until - now];
    const slow = req.slowModeSec > 0 ? this.live(slowKey, now) : undefined;
    if (slow) return ['SLOW', slow.until - now];
    const { burst, perSec } = this.options;
    const b = this.buckets.get(bucketKey);
    const tokens = b ? Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSec) : burst;
    if (tokens < 1) return ['RATE', Math.ceil(((1 - tokens) / perSec) * 1000)];
    this.buckets.set(bucketKey, { at: now, tokens: tokens - 1, fullMs: (burst / perSec) * 1000 });
    if (req.slowModeSec > 0) this.expiries.set(slowKey, { until: now + req.slowModeSec * 1000, value: '1' });
    this.expiries.set(dupKey, { until: now + this.options.duplicateWindowMs, value: req.nonce });
    return ['OK', 0];
  }

  private takeLocally(key: string, { burst, perSec }: BucketShape, now: number): number {
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSec) : burst;
    if (tokens < 1) return Math.ceil(((1 - tokens) / perSec) * 1000);
    this.buckets.set(key, { at: now, tokens: tokens - 1, fullMs: (burst / perSec) * 1000 });
    return 0;
  }

  private live(key: string, now: number) {
    const e = this.expiries.get(key);
    return e && e.until > now ? e : undefined;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [k, e] of this.expiries) if (e.until <= now) this.expiries.delete(k);
    for (const [k, b] of this.buckets) if (now - b.at > b.fullMs) this.buckets.delete(k);
  }
}
