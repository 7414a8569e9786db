import './instrument.js';
import { ConfigError, loadConfig } from './config.js';
import { databaseUrlOf, removeRuntimeFile, writeRuntimeFile } from './lib/runtime-file.js';
import { flushSentry } from './lib/sentry.js';

/** Starts the server and shuts it down gracefully on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  // Loaded after instrument.ts has started Sentry.
  const { buildApp } = await import('./app.js');
  const app = await buildApp({ config });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    removeRuntimeFile(config.dataDir);
    app.close().then(flushSentry).then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  writeRuntimeFile(config.dataDir, { pid: process.pid, databaseUrl: databaseUrlOf(config.database), startedAt: new Date().toISOString() });
}

main().catch((err: unknown) => {
  console.error('Lait server failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
