import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { RtmpNotifySchema } from '@lait/shared';
import { AppError } from '../../errors/app-error.js';

const SecretQuerySchema = Type.Object({ secret: Type.String({ maxLength: 256 }) });

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * nginx-rtmp's notify hooks. nginx accepts a publish on 2xx, renames it on 3xx (Location = new
 * name) and refuses it on anything else, including this server being down: publishing fails closed.
 * @see https://github.com/arut/nginx-rtmp-module/wiki/Directives#on_publish
 */
export const rtmpRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { publishService } = app.services;
  const secret = app.config.rtmpNotifySecret;
  const common = { hide: true, querystring: SecretQuerySchema, body: RtmpNotifySchema } as const;

  app.addHook('preHandler', async (req) => {
    const presented = (req.query as { secret?: string }).secret ?? '';
    if (!sameSecret(presented, secret)) throw new AppError('FORBIDDEN', 'bad notify secret', 403);
  });

  app.post('/publish', { schema: common }, async (req, reply) => {
    const { name, clientid = '', app: rtmpApp } = req.body;
    if (rtmpApp !== 'live') return reply.status(403).send('publish only through the ingest application');
    const decision = await app.services.publishService.authorize({ name, clientId: clientid });
    if (!decision.accept) {
      req.log.info({ clientId: clientid, code: decision.code, addr: req.body.addr }, `publish refused: ${decision.reason}`);
      return reply.status(403).send(decision.code);
    }
    // 3xx renames the stream: everything downstream of the ingest sees only the playback id.
    return reply.status(302).header('location', decision.playbackId).send();
  });

  app.post('/publish-done', { schema: common }, async (req) => {
    await publishService.publishDone({ name: req.body.name, clientId: req.body.clientid ?? '' });
    return 'ok';
  });

  app.post('/update', { schema: common }, async (req, reply) => {
    // nginx also sends update_play for its own relay into the hls application (name = playback id):
    // refusing it would cut HLS. Only publishers are re-checked.
    if (req.body.call !== 'update_publish') return 'ok';
    const ok = await publishService.stillAuthorized({ name: req.body.name, clientId: req.body.clientid ?? '' });
    return ok ? 'ok' : reply.status(403).send('PUBLISH_KEY_INVALID');
  });
};
