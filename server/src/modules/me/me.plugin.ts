import fp from 'fastify-plugin';
import { MeService } from './me.service.js';

/** The signed-in streamer's own account and channel (`/api/me`, the dashboard). */
export interface MeFeature {
  service: MeService;
}

declare module 'fastify' {
  interface FastifyInstance {
    me: MeFeature;
  }
}

export const mePlugin = fp(async (app) => {
  app.decorate('me', { service: new MeService({ config: app.config, users: app.users, follows: app.follows, channels: app.channels, streams: app.streams }) });
}, { name: 'lait-me', dependencies: ['lait-users', 'lait-follows', 'lait-channels', 'lait-streams'] });
