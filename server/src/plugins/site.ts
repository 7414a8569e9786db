import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

// /metrics too: unconfigured, a scraper must get a 404, not the site's index.html.
const API_PREFIXES = ['/api', '/internal', '/socket.io', '/metrics'];

/** Source maps would hand out the site's source: never served, even if a build left some behind (issue 9). */
const isSourceMap = (url: string) => url.split('?')[0]!.endsWith('.map');

/**
 * Serves the built viewer-web site on the API's origin, with index.html for client-side routes
 * (`/c/<slug>`). Hashed assets are cached for a year; index.html never, so a deploy shows at once.
 */
export const sitePlugin = fp(async (app) => {
  const root = app.config.webDistDir;
  const hasSite = root !== '' && existsSync(path.join(root, 'index.html'));
  if (hasSite) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      allowedPath: (pathName) => !isSourceMap(pathName),
      setHeaders(res, filePath) {
        const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    app.log.warn({ root }, 'viewer-web is not built: the site is not served (run npm run build)');
  }

  app.setNotFoundHandler((req, reply) => {
    const isApi = API_PREFIXES.some((p) => req.url === p || req.url.startsWith(`${p}/`) || req.url.startsWith(`${p}?`));
    if (hasSite && !isApi && !isSourceMap(req.url) && (req.method === 'GET' || req.method === 'HEAD')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: `No route ${req.method} ${req.url.split('?')[0]}` });
  });
});
