import { createReadStream, existsSync } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { NotFoundError } from '../../errors/app-error.js';

const ParamsSchema = Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9]{16,32}\\.jpg$' }) });

/** `GET /api/thumbnails/<playbackId>.jpg`: URLs carry `?v=<time>`, so each version is cacheable. */
export const thumbnailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const thumbnails = app.thumbnails.service;
  app.get('/thumbnails/:file', { schema: { tags: ['channels'], summary: 'Latest still of a channel, by playback id', params: ParamsSchema } }, async (req, reply) => {
    const file = thumbnails.fileFor(req.params.file.replace(/\.jpg$/, ''));
    if (!existsSync(file)) throw new NotFoundError('NOT_FOUND', 'No thumbnail yet');
    return reply.type('image/jpeg').header('cache-control', 'public, max-age=300').send(createReadStream(file));
  });
};
