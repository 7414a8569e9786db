import type { Writable } from 'node:stream';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { openDatabase } from '../db/data-source.js';
import { createServices, type Services } from '../plugins/services.js';
import { createNginxIngestControl } from '../modules/streams/nginx-ingest-control.js';

export interface CliContext {
  services: Services;
  ds: DataSource;
  out: Writable;
  close(): Promise<void>;
}

/** The same services the server uses, on the same database, without an HTTP server. */
export async function createCliContext(config: Config, out: Writable): Promise<CliContext> {
  const ds: DataSource = await openDatabase(config.database);
  // Logs go to stderr so that --json output on stdout stays parseable.
  const log = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2));
  const services = createServices({
    ds,
    config,
    ingest: createNginxIngestControl(config.nginxControlUrl, {}, config.hlsInternalUrl),
    log,
    signAccess: () => {
      throw new Error('the CLI does not sign access tokens');
    },
  });
  return {
    services,
    ds,
    out,
    async close() {
      await ds.destroy();
    },
  };
}
