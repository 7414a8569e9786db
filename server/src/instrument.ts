import { loadConfig } from './config.js';
import { initSentry } from './lib/sentry.js';

/*
 * Imported first by server.ts, which loads the app only afterwards: Sentry must be initialised
 * before the modules it instruments are loaded. A configuration error is left for server.ts to
 * report with its exit code.
 * @see https://docs.sentry.io/platforms/javascript/guides/fastify/install/esm/
 */
try {
  initSentry(loadConfig());
} catch {
  // reported by server.ts
}
