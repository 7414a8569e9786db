/**
 * Run as a child process by error-reporting.test.ts: starts Sentry the way instrument.ts does
 * (SENTRY_DSN from the environment), then throws where nothing catches, carrying the secret
 * given as argv[2] in its message.
 */
import { loadConfig } from '../config.js';
import { initSentry } from '../lib/sentry.js';

initSentry(loadConfig());
const secret = process.argv[2] ?? '';
setTimeout(() => {
  throw new Error(`nginx control failed while dropping ${secret}`);
}, 10);
