import type { FastifyInstance } from 'fastify';
import { TEST_NOTIFY_SECRET } from './test-app.js';

/**
 * Posts what nginx-rtmp posts to a notify hook. An accepted publish turns live only once its playlist
 * answers (the playable watch): this waits for that, up to `playableWithinMs`, so tests see the
 * channel live as viewers would. Pass 0 to return at once.
 */
export async function notify(
  app: FastifyInstance,
  hook: 'publish' | 'publish-done' | 'update',
  name: string,
  clientid: string,
  secret = TEST_NOTIFY_SECRET,
  node?: string,
  playableWithinMs = 2000,
) {
  const body = new URLSearchParams({ call: hook === 'publish' ? 'publish' : hook === 'update' ? 'update_publish' : 'publish_done', app: 'live', name, clientid, addr: '127.0.0.1', type: 'live' });
  const res = await app.inject({
    method: 'POST',
    url: `/internal/rtmp/${hook}?secret=${encodeURIComponent(secret)}${node ? `&node=${node}` : ''}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
  if (hook === 'publish' && res.statusCode === 302 && playableWithinMs > 0) await untilPlayable(app, node ? `${node}/${clientid}` : clientid, playableWithinMs);
  return res;
}

async function untilPlayable(app: FastifyInstance, clientKey: string, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const channel = await app.channels.repository.findByLiveClientId(clientKey);
    if (!channel || channel.playableAt !== null) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
