import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { VideoIdSchema } from '@lait/shared';
import { VideoNotFoundError } from './video.errors.js';
import { VOD_CONTENT_TYPES as TYPES } from './vod-uploader.js';

const FileSchema = Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}\\.(m3u8|ts|jpg)$' });
const RungSchema = Type.String({ pattern: '^[0-9]{1,2}$' });

/**
 * VOD files under `/vod/<videoId>/…` (live HLS stays on nginx under `/hls/<playbackId>/…`).
 * Only ready, visible videos; names are checked against a strict pattern, so no path leaves the folder.
 */
export const vodFileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { service: videoService, recording } = app.videos;

  const send = async (id: string, parts: string[], reply: FastifyReply) => {
    const { row } = await videoService.getPublic(id);
    const file = path.join(recording.dirOf(id), ...parts);
    const ext = path.extname(file);
    // Fragments never change; playlists are final once the video is listed.
    reply.header('content-type', TYPES[ext] ?? 'application/octet-stream').header('cache-control', ext === '.ts' ? 'public, max-age=86400' : 'public, max-age=60');
    // The local copy while it exists (until its upload is confirmed), the object store after.
    const info = await stat(file).catch(() => null);
    if (info?.isFile()) return reply.header('content-length', info.size).send(createReadStream(file));
    const stored = row.storage === 's3' ? await recording.openStored(id, parts.join('/')) : null;
    if (!stored) throw new VideoNotFoundError();
    if (stored.size !== undefined) reply.header('content-length', stored.size);
    return reply.send(stored.body);
  };

  app.get('/vod/:id/:file', { schema: { hide: true, params: Type.Object({ id: VideoIdSchema, file: FileSchema }) } }, async (req, reply) => send(req.params.id, [req.params.file], reply));
  app.get('/vod/:id/:rung/:file', { schema: { hide: true, params: Type.Object({ id: VideoIdSchema, rung: RungSchema, file: FileSchema }) } }, async (req, reply) => send(req.params.id, [req.params.rung, req.params.file], reply));
};
