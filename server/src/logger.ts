import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';

/**
 * pino options. URLs are logged without their query string: nginx's notify calls carry the shared
 * secret there. Stream keys travel in POST bodies, which are never logged.
 */
export function createLoggerOptions(config: Config, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    ...(stream ? { stream } : {}),
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.streamKey', '*.password'], censor: '[redacted]' },
    serializers: {
      req(req: { method: string; url: string; ip?: string }) {
        return { method: req.method, url: req.url.split('?')[0], ip: req.ip };
      },
    },
  };
}
