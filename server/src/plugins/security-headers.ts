import fp from 'fastify-plugin';
import type { Config } from '../config.js';

/**
 * The security headers helmet would send, computed once at start and set with one call per
 * request. @fastify/helmet runs a chain of middlewares per request, which measured at about half of
 * the directory's throughput (docs/benchmarks.md); the header set here does not change at run time.
 * @see https://helmetjs.github.io/ for what each header does
 */
export function createSecurityHeaders(config: Config): Record<string, string> {
  const hls = new URL(config.hlsPublicUrl).origin;
  // The site posts its error reports to its Sentry project's host.
  const sentry = config.sentry.webDsn ? ` ${new URL(config.sentry.webDsn).origin}` : '';
  const csp = [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' https: data:",
    "form-action 'self'",
    "frame-ancestors 'self'",
    `img-src 'self' data: blob: ${hls}`,
    `media-src 'self' blob: ${hls}`,
    `connect-src 'self' ws: wss: ${hls}${sentry}`,
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    "worker-src 'self' blob:",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    ...(config.secureCookies ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'SAMEORIGIN',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  };
}

export const securityHeadersPlugin = fp(async (app) => {
  const headers = createSecurityHeaders(app.config);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
});
