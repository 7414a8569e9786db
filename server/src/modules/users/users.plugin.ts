import fp from 'fastify-plugin';
import type { DataSource } from 'typeorm';
import { UserRepository } from './user.repository.js';

export interface Users {
  repository: UserRepository;
}

declare module 'fastify' {
  interface FastifyInstance {
    users: Users;
  }
}

export function createUsers({ ds }: { ds: DataSource }): Users {
  return { repository: new UserRepository(ds) };
}

export const usersPlugin = fp(async (app) => {
  app.decorate('users', createUsers({ ds: app.db }));
}, { name: 'lait-users', dependencies: ['lait-db'] });
