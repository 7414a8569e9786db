import { createReadStream, existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiErrorSchema, ChannelSlugParamsSchema, ClipIdParamsSchema, ClipListQuerySchema, ClipListSchema, ClipIdSchema, ClipSchema, LiveClipBodySchema, VideoClipBodySchema, VideoIdParamsSchema, type Clip } from '@lait/shared';
import { ClipNotFoundError } from './clip.errors.js';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 429: ApiErrorSchema };

/** Clips: made by signed-in viewers (rate limited per user), deleted by the streamer. */
export const clipRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const clips = app.clips.service;
  const rateLimit = { max: app.config.rateLimits.clipsPer10Min, timeWindow: '10 minutes', keyGenerator: (req: { user?: { sub?: unknown }; ip: string }) => `clip:${String(req.user?.sub ?? req.ip)}` };

  app.post('/channels/:slug/clips', {
    onRequest: app.authenticate,
    config: { rateLimit },
    schema: { tags: ['clips'], summary: 'Clip the last 15-60 s of a live stream', params: ChannelSlugParamsSchema, body: LiveClipBodySchema, response: { 201: ClipSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(await clips.createLive(req.params.slug, req.userId(), req.body.seconds)));

  app.post('/videos/:id/clips', {
    onRequest: app.authenticate,
    config: { rateLimit },
    schema: { tags: ['clips'], summary: 'Clip a range of a past broadcast (at most 60 s)', params: VideoIdParamsSchema, body: VideoClipBodySchema, response: { 201: ClipSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(await clips.createFromVideo(req.params.id, req.userId(), req.body.start, req.body.end)));

  app.get('/channels/:slug/clips', {
    schema: { tags: ['clips'], summary: "A channel's clips, newest first", params: ChannelSlugParamsSchema, querystring: ClipListQuerySchema, response: { 200: ClipListSchema, ...errors } },
  }, async (req) => ({ clips: await clips.listForChannel(req.params.slug, req.query.limit ?? 30) }));

  app.get('/clips/:id', {
    schema: { tags: ['clips'], summary: 'One clip', params: ClipIdParamsSchema, response: { 200: ClipSchema, ...errors } },
  }, async (req) => clips.get(req.params.id));

  app.delete('/clips/:id', {
    onRequest: app.authenticate,
    schema: { tags: ['clips'], summary: 'Delete a clip of my channel', params: ClipIdParamsSchema, response: { 204: { type: 'null' }, ...errors } },
  }, async (req, reply) => {
    await clips.delete(req.params.id, req.userId());
    return reply.status(204).send();
  });
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function ogTags(clip: Clip, publicUrl: string, hasPoster: boolean): string {
  const video = `${publicUrl}${clip.url}`;
  const image = `${publicUrl}${clip.url.replace(/\.mp4$/, '.jpg')}`;
  return [
    `<meta property="og:type" content="video.other">`,
    `<meta property="og:title" content="${escapeHtml(`${clip.title} - ${clip.channel.title}`)}">`,
    `<meta property="og:url" content="${escapeHtml(clip.shareUrl)}">`,
    `<meta property="og:video" content="${escapeHtml(video)}">`,
    `<meta property="og:video:type" content="video/mp4">`,
    ...(hasPoster ? [`<meta property="og:image" content="${escapeHtml(image)}">`] : []),
    `<meta name="twitter:card" content="player">`,
  ].join('\n    ');
}

/** `/clips/<id>.mp4` (the file) and `/clip/<id>` (share page: the site with og: tags rendered by the server). */
export const clipFileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const clips = app.clips.service;
  app.get('/clips/:file', { schema: { hide: true, params: Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9]{12,16}\\.(mp4|jpg)$' }) }) } }, async (req, reply) => {
    const id = req.params.file.slice(0, -4);
    const poster = req.params.file.endsWith('.jpg');
    const file = poster ? clips.posterOf(id) : clips.fileOf(id);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new ClipNotFoundError();
    return reply.header('content-type', poster ? 'image/jpeg' : 'video/mp4').header('content-length', info.size).header('cache-control', 'public, max-age=86400').send(createReadStream(file));
  });

  app.get('/clip/:id', { schema: { hide: true, params: Type.Object({ id: ClipIdSchema }) } }, async (req, reply) => {
    const clip = await clips.get(req.params.id);
    const tags = ogTags(clip, app.config.publicUrl, existsSync(clips.posterOf(clip.id)));
    const index = app.config.webDistDir ? await readFile(path.join(app.config.webDistDir, 'index.html'), 'utf8').catch(() => null) : null;
    const html = index
      ? index.replace('</head>', `    ${tags}\n  </head>`)
      : `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(clip.title)}</title>\n    ${tags}\n</head><body><video controls src="${clip.url}"></video></body></html>`;
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
};
