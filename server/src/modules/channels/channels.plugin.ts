import fp from 'fastify-plugin';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config.js';
import type { Categories } from '../categories/categories.plugin.js';
import type { Follows } from '../follows/follows.plugin.js';
import type { Users } from '../users/users.plugin.js';
import type { Viewers } from '../viewers/viewers.plugin.js';
import { ChannelDirectory } from './channel-directory.js';
import { ChannelViews } from './channel-view.js';
import { ChannelRepository } from './channel.repository.js';
import { ChannelService } from './channel.service.js';
import { LiveEvents } from './live-events.js';
import { PublishTokenRepository } from './publish-token.repository.js';

export interface Channels {
  repository: ChannelRepository;
  service: ChannelService;
  /** Channel rows as the public sees them (viewer and follower counts, streamer profile). */
  views: ChannelViews;
  /** A channel went live, offline, reconnecting, resumed or was edited: publish and the owner's edits emit here. */
  events: LiveEvents;
  /** Directory pages and categories with live counts, cached; cleared whenever a channel goes live, offline or is edited. */
  directory: ChannelDirectory;
}

declare module 'fastify' {
  interface FastifyInstance {
    channels: Channels;
  }
}

export interface ChannelsDeps {
  ds: DataSource;
  config: Config;
  users: Users;
  follows: Follows;
  categories: Categories;
  viewers: Viewers;
}

export function createChannels({ ds, config, users, follows, categories, viewers }: ChannelsDeps): Channels {
  const repository = new ChannelRepository(ds);
  const events = new LiveEvents();
  const service = new ChannelService(repository, new PublishTokenRepository(ds), users.repository, config, categories.repository, events);
  const views = new ChannelViews(service, viewers.presence, follows.repository, users.repository);
  const directory = new ChannelDirectory(service, views, categories.repository);
  const clear = () => directory.clear();
  for (const event of ['channel:live', 'channel:offline', 'channel:reconnecting', 'channel:resumed', 'channel:updated'] as const) events.on(event, clear);
  return { repository, service, views, events, directory };
}

export const channelsPlugin = fp(async (app) => {
  const channels = createChannels({ ds: app.db, config: app.config, users: app.users, follows: app.follows, categories: app.categories, viewers: app.viewers });
  app.decorate('channels', channels);
  app.addHook('onClose', async () => channels.events.removeAllListeners());
}, { name: 'lait-channels', dependencies: ['lait-db', 'lait-users', 'lait-follows', 'lait-categories', 'lait-viewers'] });
