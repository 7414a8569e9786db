import * as Sentry from '@sentry/node';
import type { Config } from '../config.js';
import { scrub } from '@lait/shared';

/**
 * Starts Sentry when SENTRY_DSN is set (returns false otherwise). Called by `instrument.ts`
 * before the app's modules are loaded. Nothing leaves unscrubbed: every event and breadcrumb goes
 * through `scrub`, and no default PII (IP addresses, cookies, request bodies) is attached.
 */
export function initSentry(config: Config): boolean {
  if (!config.sentry.dsn) return false;
  Sentry.init({
    dsn: config.sentry.dsn,
    environment: config.sentry.environment,
    sendDefaultPii: false,
    // Errors only: no performance tracing, so no spans carrying URLs.
    tracesSampleRate: 0,
    maxBreadcrumbs: 30,
    // Lait's error handler reports (reportRequestError) with its own rule (5xx but 503); Sentry's
    // Fastify hook would report the same errors first and Dedupe would drop ours.
    integrations: (defaults) => defaults.filter((i) => i.name !== 'Fastify'),
    beforeSend: (event) => scrub(event),
    beforeBreadcrumb: (breadcrumb) => scrub(breadcrumb),
  });
  return true;
}

/** What one failed request tells the error tracker. */
export interface RequestContext {
  method: string;
  /** The route pattern (`/api/channels/:slug`), or the path when no route matched. */
  route: string;
  url: string;
  headers: Record<string, unknown>;
  requestId: string;
}

/** Reports a 5xx with its request context (scrubbed by `beforeSend` like everything else). */
export function reportRequestError(err: unknown, ctx: RequestContext): void {
  if (!Sentry.isInitialized()) return;
  Sentry.withScope((scope) => {
    scope.setTags({ route: ctx.route, method: ctx.method });
    scope.setTag('request_id', ctx.requestId);
    scope.setTransactionName(`${ctx.method} ${ctx.route}`);
    scope.addEventProcessor((event) => ({ ...event, request: { ...event.request, method: ctx.method, url: ctx.url, headers: stringHeaders(ctx.headers) } }));
    Sentry.captureException(err);
  });
}

function stringHeaders(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
}

/** Sends what is queued (shutdown). */
export async function flushSentry(timeoutMs = 2000): Promise<void> {
  if (Sentry.isInitialized()) await Sentry.flush(timeoutMs);
}
