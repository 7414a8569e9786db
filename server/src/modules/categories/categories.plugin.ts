import fp from 'fastify-plugin';
import type { DataSource } from 'typeorm';
import { CategoryRepository } from './category.repository.js';

export interface Categories {
  repository: CategoryRepository;
}

declare module 'fastify' {
  interface FastifyInstance {
    categories: Categories;
  }
}

export function createCategories({ ds }: { ds: DataSource }): Categories {
  return { repository: new CategoryRepository(ds) };
}

export const categoriesPlugin = fp(async (app) => {
  app.decorate('categories', createCategories({ ds: app.db }));
}, { name: 'lait-categories', dependencies: ['lait-db'] });
