import path from 'node:path';
import fp from 'fastify-plugin';
import { AvatarService } from './avatar.service.js';

/** Uploaded avatars, re-encoded and stored under DATA_DIR/avatars. */
export interface Avatars {
  service: AvatarService;
}

declare module 'fastify' {
  interface FastifyInstance {
    avatars: Avatars;
  }
}

export const avatarsPlugin = fp(async (app) => {
  const service = new AvatarService({ ffmpegPath: app.config.ffmpegPath, dir: path.join(app.config.dataDir, 'avatars'), users: app.users.repository, directory: app.channels.directory });
  app.decorate('avatars', { service });
}, { name: 'lait-avatars', dependencies: ['lait-users', 'lait-channels'] });
