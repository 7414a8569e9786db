import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, ChatWordsSchema } from '@lait/shared';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema };

/** GET/PUT /api/me/channel/chat-words: only the channel owner, only their own channel. */
export const chatWordsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const dashboard = app.chat.dashboard;

  app.get('/me/channel/chat-words', { schema: { tags: ['chat'], summary: "My channel's own filter words", response: { 200: ChatWordsSchema, ...errors } } }, async (req) => {
    return { words: await dashboard.words(req.userId()) };
  });

  app.put('/me/channel/chat-words', { schema: { tags: ['chat'], summary: "Replace my channel's filter words", body: ChatWordsSchema, response: { 200: ChatWordsSchema, ...errors } } }, async (req) => {
    return { words: await dashboard.replaceWords(req.userId(), req.body.words) };
  });
};
