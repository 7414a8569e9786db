import fp from 'fastify-plugin';
import type { DataSource } from 'typeorm';
import { FollowRepository } from './follow.repository.js';
import { FollowService } from './follow.service.js';

export interface Follows {
  repository: FollowRepository;
  service: FollowService;
}

declare module 'fastify' {
  interface FastifyInstance {
    follows: Follows;
  }
}

export function createFollows({ ds }: { ds: DataSource }): Follows {
  const repository = new FollowRepository(ds);
  return { repository, service: new FollowService(repository) };
}

export const followsPlugin = fp(async (app) => {
  app.decorate('follows', createFollows({ ds: app.db }));
}, { name: 'lait-follows', dependencies: ['lait-db'] });
