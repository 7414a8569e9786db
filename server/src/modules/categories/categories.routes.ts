import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CategoryListSchema } from '@lait/shared';

export const categoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const categories = app.categories.repository;
  const channelService = app.channels.service;
  app.get('/categories', { schema: { tags: ['discovery'], summary: 'Categories with how many channels are live in each', response: { 200: CategoryListSchema } } }, async () => {
    const [rows, live] = await Promise.all([categories.list(), channelService.list({ live: true, limit: 1000 })]);
    const counts = new Map<string, number>();
    for (const c of live) if (c.category) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
    return { categories: rows.map((r) => ({ slug: r.slug, nameKo: r.nameKo, nameEn: r.nameEn, liveCount: counts.get(r.slug) ?? 0 })) };
  });
};
