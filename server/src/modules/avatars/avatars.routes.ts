import { createReadStream, existsSync } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema } from '@lait/shared';
import { Type } from '@sinclair/typebox';
import { NotFoundError } from '../../errors/app-error.js';
import { AVATAR_MAX_BYTES, AVATAR_TYPES, AvatarInvalidError } from './avatar.service.js';

const ParamsSchema = Type.Object({ file: Type.String({ pattern: '^[0-9]{1,12}\\.jpg$' }) });
const AvatarResultSchema = Type.Object({ avatarUrl: Type.String() });

/** `PUT /api/me/avatar` (the image as the body) and `GET /api/avatars/<userId>.jpg?v=<time>`. */
export const avatarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const avatars = app.avatars.service;
  // Raw image bytes, only in this plugin's scope; everything else stays JSON with the small body limit.
  app.addContentTypeParser([...AVATAR_TYPES], { parseAs: 'buffer', bodyLimit: AVATAR_MAX_BYTES }, (_req, body, done) => done(null, body));

  app.get('/avatars/:file', { schema: { tags: ['me'], summary: "A user's avatar (256×256 JPEG)", params: ParamsSchema } }, async (req, reply) => {
    const file = avatars.fileFor(Number(req.params.file.replace(/\.jpg$/, '')));
    if (!existsSync(file)) throw new NotFoundError('NOT_FOUND', 'No avatar');
    return reply.type('image/jpeg').header('cache-control', 'public, max-age=86400').send(createReadStream(file));
  });

  app.put('/me/avatar', {
    onRequest: [app.authenticate],
    bodyLimit: AVATAR_MAX_BYTES,
    schema: {
      tags: ['me'],
      summary: 'Upload my avatar: a JPEG, PNG or WebP image (at most 2 MB) as the request body',
      response: { 200: AvatarResultSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 413: ApiErrorSchema, 415: ApiErrorSchema },
    },
    config: { rateLimit: { max: 20, timeWindow: '1 hour', keyGenerator: (req) => `avatar:${req.user?.sub ?? req.ip}` } },
  }, async (req) => {
    if (!Buffer.isBuffer(req.body)) throw new AvatarInvalidError();
    return { avatarUrl: await avatars.upload(req.userId(), req.body) };
  });
};
