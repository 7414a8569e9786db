import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, nonce, ok, slugOf, until, type ChatClient } from '../modules/chat/test/chat-clients.js';
import { useCluster } from '../modules/chat/test/cluster.js';
import { signUp } from '../test/users.js';

async function counter(app: FastifyInstance, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = await app.metrics.registry.getSingleMetric(name)!.get();
  return metric.values.filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l)).reduce((sum, v) => sum + v.value, 0);
}

describe('chat metrics across two processes (Redis adapter, mysql)', () => {
  const c = useCluster(2);
  const sockets: ChatClient[] = [];
  let slug: string;
  let token: string;
  beforeAll(async () => {
    const owner = await signUp(c.apps[0]!);
    token = owner.accessToken;
    slug = await slugOf(c.apps[0]!, token);
  });
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  it('counts a message in where it was sent and out where each recipient is connected', async () => {
    const [a, b] = [c.apps[0]!, c.apps[1]!];
    const readersOnB = [await connect(c.urls[1]!), await connect(c.urls[1]!)];
    const sender = await connect(c.urls[0]!, token);
    sockets.push(...readersOnB, sender);
    for (const s of [...readersOnB, sender]) await ok(s, 'chat:join', { channel: slug });
    const before = { inA: await counter(a, 'lait_chat_messages_received_total'), outA: await counter(a, 'lait_chat_messages_delivered_total'), outB: await counter(b, 'lait_chat_messages_delivered_total') };

    for (let i = 0; i < 3; i++) await ok(sender, 'chat:send', { channel: slug, text: `across ${i}`, nonce: nonce() });
    await until('both readers on B to get all 3', () => readersOnB.every((r) => r.received.length === 3));
    await until('the sender to get its own 3', () => sender.received.length === 3);

    expect(await counter(a, 'lait_chat_messages_received_total', { result: 'accepted' }) - before.inA).toBe(3);
    expect(await counter(b, 'lait_chat_messages_received_total')).toBe(0);
    expect(await counter(a, 'lait_chat_messages_delivered_total') - before.outA).toBe(3);
    expect(await counter(b, 'lait_chat_messages_delivered_total') - before.outB).toBe(6);
  });
});
