import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { deriveRelaySecret } from '@lait/nginx-rtmp';
import { LadderPlanQuerySchema, LadderPlanSchema, RtmpNotifySchema } from '@lait/shared';
import { AppError } from '../../errors/app-error.js';

const SecretQuerySchema = Type.Object({
  secret: Type.String({ maxLength: 256 }),
  /** The cluster node that notifies (nginx-rtmp's render-config `nodeId`). */
  node: Type.Optional(Type.String({ pattern: '^ingest-[0-9]{1,4}$' })),
});

/** nginx's client ids count from 1 on every node: scoped by node, they name one publisher cluster-wide. */
function clientKey(clientid: string | undefined, node: string | undefined): string {
  return node ? `${node}/${clientid ?? ''}` : (clientid ?? '');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The `?relay=` that the `live` application's push carries in its tcUrl (see deriveRelaySecret). */
function relaySecretOf(tcurl: string | undefined): string {
  try {
    return new URL(tcurl ?? '').searchParams.get('relay') ?? '';
  } catch {
    return '';
  }
}

/**
 * nginx-rtmp's notify hooks. nginx accepts a publish on 2xx, renames it on 3xx (Location = new
 * name) and refuses it on anything else, including this server being down: publishing fails closed.
 * @see https://github.com/arut/nginx-rtmp-module/wiki/Directives#on_publish
 */
export const ingestHookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { service: publishService } = app.streams;
  const secret = app.config.rtmpNotifySecret;
  const relaySecret = deriveRelaySecret(secret);
  const common = { hide: true, querystring: SecretQuerySchema, body: RtmpNotifySchema } as const;

  app.addHook('preHandler', async (req) => {
    const presented = (req.query as { secret?: string }).secret ?? '';
    if (!sameSecret(presented, secret)) throw new AppError('FORBIDDEN', 'bad notify secret', 403);
  });

  app.post('/publish', { schema: common }, async (req, reply) => {
    const { name, clientid = '', app: rtmpApp } = req.body;
    if (rtmpApp !== 'live') return reply.status(403).send('publish only through the ingest application');
    const decision = await publishService.authorize({ name, clientId: clientKey(clientid, req.query.node), node: req.query.node ?? null });
    if (!decision.accept) {
      req.log.info({ clientId: clientid, code: decision.code, addr: req.body.addr }, `publish refused: ${decision.reason}`);
      return reply.status(403).send(decision.code);
    }
    // 3xx renames the stream: everything downstream of the ingest sees only the playback id.
    return reply.status(302).header('location', decision.playbackId).send();
  });

  // on_publish of the `hls` application. It accepts publish from 127.0.0.1 only, but behind a
  // same-host TCP proxy anyone is 127.0.0.1: only nginx's own relay knows the relay secret.
  app.post('/relay', { schema: common }, async (req, reply) => {
    if (req.body.app !== 'hls' || !sameSecret(relaySecretOf(req.body.tcurl), relaySecret)) {
      req.log.warn({ clientId: req.body.clientid, addr: req.body.addr }, 'publish into hls refused: not the ingest relay');
      return reply.status(403).send('FORBIDDEN');
    }
    return 'ok';
  });

  // The ladder supervisor asks before it transcodes a stream (name = playback id): the streamer may have turned it off.
  app.get('/ladder', { schema: { hide: true, querystring: LadderPlanQuerySchema, response: { 200: LadderPlanSchema } } }, async (req) => {
    const enabled = await publishService.ladderEnabled(req.query.name);
    if (enabled === null) throw new AppError('CHANNEL_NOT_FOUND', 'No channel has this playback id', 404);
    return { enabled };
  });

  app.post('/publish-done', { schema: common }, async (req) => {
    await publishService.publishDone({ name: req.body.name, clientId: clientKey(req.body.clientid, req.query.node) });
    return 'ok';
  });

  // nginx calls this every notify_update_timeout for every stream: at info it would bury the log.
  app.post('/update', { schema: common, logLevel: 'warn' }, async (req, reply) => {
    // nginx also sends update_play for its own relay into the hls application (name = playback id):
    // refusing it would cut HLS. Only publishers are re-checked.
    if (req.body.call !== 'update_publish') return 'ok';
    const ok = await publishService.stillAuthorized({ name: req.body.name, clientId: clientKey(req.body.clientid, req.query.node) });
    return ok ? 'ok' : reply.status(403).send('PUBLISH_KEY_INVALID');
  });
};
