import type { ChatMessageRepository } from './chat-message.repository.js';
import type { RedisGate } from './chat-redis.js';

/**
 * Allocates `n` ids at once and never hands out an id at or below `floor` (the highest id this
 * process knows of). That one rule seeds the counter from the database on first use, and puts it
 * right again after an outage during which processes counted on their own.
 */
const ALLOCATE = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
local floor = tonumber(ARGV[2])
if cur < floor then cur = floor end
cur = cur + tonumber(ARGV[1])
redis.call('SET', KEYS[1], cur)
return cur`;

/** Per-channel message ids, ordered across processes through Redis, in-process without it. */
export class ChatIds {
  private readonly floors = new Map<number, number>();

  constructor(
    private readonly gate: RedisGate,
    private readonly messages: ChatMessageRepository,
  ) {}

  /** Returns the first of `n` consecutive ids. */
  async allocate(channelId: number, n: number): Promise<number> {
    const floor = await this.floor(channelId);
    const key = this.gate.key('seq', channelId);
    const last = await this.gate.run(
      async (r) => Number(await r.eval(ALLOCATE, 1, key, n, floor)),
      () => floor + n,
    );
    this.floors.set(channelId, Math.max(floor, last));
    return last - n + 1;
  }

  /** Forgets the floor after an id collision: the next allocation re-reads the database. */
  reseed(channelId: number): void {
    this.floors.delete(channelId);
  }

  private async floor(channelId: number): Promise<number> {
    const known = this.floors.get(channelId);
    if (known !== undefined) return known;
    const max = await this.messages.maxId(channelId);
    this.floors.set(channelId, max);
    return max;
  }
}
