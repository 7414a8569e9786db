import type { Writable } from 'node:stream';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { openDatabase } from '../db/data-source.js';
import { createCategories } from '../modules/categories/categories.plugin.js';
import { createChannels, type Channels } from '../modules/channels/channels.plugin.js';
import { createFollows } from '../modules/follows/follows.plugin.js';
import { createNginxIngestControl } from '../modules/streams/nginx-ingest-control.js';
import { createStreams, type Streams } from '../modules/streams/streams.plugin.js';
import { createUsers } from '../modules/users/users.plugin.js';
import { createViewers } from '../modules/viewers/viewers.plugin.js';

export interface CliContext {
  /** The same objects as the server's `app.channels` and `app.streams` (built by the same factories). */
  channels: Channels;
  streams: Streams;
  ds: DataSource;
  out: Writable;
  close(): Promise<void>;
}

/**
 * The server's channel and publish features on the same database, without an HTTP server: built by
 * the factories their plugins call, without the plugins' timers and listeners.
 */
export async function createCliContext(config: Config, out: Writable): Promise<CliContext> {
  const ds: DataSource = await openDatabase(config.database);
  // Logs go to stderr so that --json output on stdout stays parseable.
  const log = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2));
  const users = createUsers({ ds });
  const follows = createFollows({ ds });
  const channels = createChannels({ ds, config, users, follows, categories: createCategories({ ds }), viewers: createViewers() });
  const streams = createStreams({ ds, config, channels, ingest: createNginxIngestControl(config.nginxControlUrl, {}, config.hlsInternalUrl), log });
  return {
    channels,
    streams,
    ds,
    out,
    async close() {
      await ds.destroy();
    },
  };
}
