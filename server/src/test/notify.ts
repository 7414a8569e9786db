import type { FastifyInstance } from 'fastify';
import { TEST_NOTIFY_SECRET } from './test-app.js';

/** Posts what nginx-rtmp posts to a notify hook. */
export function notify(app: FastifyInstance, hook: 'publish' | 'publish-done' | 'update', name: string, clientid: string, secret = TEST_NOTIFY_SECRET, node?: string) {
  const body = new URLSearchParams({ call: hook === 'publish' ? 'publish' : hook === 'update' ? 'update_publish' : 'publish_done', app: 'live', name, clientid, addr: '127.0.0.1', type: 'live' });
  return app.inject({
    method: 'POST',
    url: `/internal/rtmp/${hook}?secret=${encodeURIComponent(secret)}${node ? `&node=${node}` : ''}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}
