import { scrub, type ClientConfig } from '@lait/shared';
import type { init } from '@sentry/browser';

type BrowserSentry = { init: typeof init };

export interface ErrorReportingDeps {
  /** `GET /api/client-config`: the deployment says whether (and where) the site reports. */
  fetchConfig(): Promise<ClientConfig>;
  /** Loaded only when a DSN is configured, so a site without Sentry never downloads it. */
  loadSentry?(): Promise<BrowserSentry>;
}

/**
 * Starts the site's error reporting when the server hands out a DSN. Every event and breadcrumb is
 * scrubbed (stream keys, tokens, the Kakao return's `code=`) before it leaves the browser, and no
 * default PII is attached. Never throws: a site that cannot report works the same.
 */
export async function startErrorReporting({ fetchConfig, loadSentry = () => import('@sentry/browser') }: ErrorReportingDeps): Promise<boolean> {
  try {
    const { sentry } = await fetchConfig();
    if (!sentry) return false;
    const Sentry = await loadSentry();
    Sentry.init({
      dsn: sentry.dsn,
      environment: sentry.environment,
      sendDefaultPii: false,
      beforeSend: (event) => scrub(event),
      beforeBreadcrumb: (breadcrumb) => scrub(breadcrumb),
    });
    return true;
  } catch {
    return false;
  }
}

/** What main.tsx uses: the config from the site's own server. */
export async function fetchClientConfig(): Promise<ClientConfig> {
  const res = await fetch('/api/client-config', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`client-config answered ${res.status}`);
  return (await res.json()) as ClientConfig;
}
