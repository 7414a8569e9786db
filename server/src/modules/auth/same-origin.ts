import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CrossSiteRequestError } from './auth.errors.js';

/** What a browser sends for the site's own pages (`none`: the user's own action, e.g. typed in). */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // `Origin: null` (sandboxed frames, cross-origin redirects) and garbage
  }
}

/**
 * Login CSRF guard for the routes that set the refresh cookie (issue 9). A browser names where a
 * request comes from (Origin, Sec-Fetch-Site); another site's page is refused. The site itself is
 * PUBLIC_URL, or the host the request was sent to (a dev server proxying `/api` keeps its Host).
 * Requests that name no origin at all come from programs (the desktop app, the CLI, curl), which
 * cannot carry a victim's cookies, and pass.
 * @see https://owasp.org/www-community/attacks/csrf#login-csrf
 */
export function createSameOriginCheck(publicUrl: string): (req: FastifyRequest) => Promise<void> {
  const publicOrigin = new URL(publicUrl).origin;
  return async (req) => {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && !OWN_FETCH_SITES.has(site)) throw new CrossSiteRequestError();
    const origin = req.headers.origin;
    if (origin === undefined || origin === publicOrigin) return;
    const host = hostOf(origin);
    if (host === null || host !== req.headers.host?.toLowerCase()) throw new CrossSiteRequestError();
  };
}

/**
 * Cookie-setting routes take JSON only: an HTML form can post urlencoded, multipart and
 * text/plain bodies across sites without a CORS preflight, but never `application/json`.
 * Answers 415 for anything else. Call inside the routes' own plugin (encapsulated).
 */
export function acceptJsonOnly(app: FastifyInstance, publicUrl: string): void {
  app.removeContentTypeParser(['text/plain']);
  app.addHook('onRequest', createSameOriginCheck(publicUrl));
}
