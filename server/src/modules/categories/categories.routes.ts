import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CategoryListSchema } from '@lait/shared';

export const categoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { directory } = app.channels;
  app.get('/categories', { schema: { tags: ['discovery'], summary: 'Categories with how many channels are live in each', response: { 200: CategoryListSchema } } }, async () => directory.categoryList());
};
