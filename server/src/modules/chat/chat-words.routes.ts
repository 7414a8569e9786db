import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { ApiErrorSchema } from '@lait/shared';

/** The channel's own filter words (on top of the base list); the chat settings pick mask or block. */
export const ChatWordsSchema = Type.Object(
  { words: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500 }) },
  { additionalProperties: false },
);
export type ChatWords = Static<typeof ChatWordsSchema>;

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema };

/** GET/PUT /api/me/channel/chat-words: only the channel owner, only their own channel. */
export const chatWordsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const myChannelId = async (userId: number): Promise<number> => (await app.channels.service.getOwned(userId)).id;

  app.get('/me/channel/chat-words', { schema: { tags: ['chat'], summary: "My channel's own filter words", response: { 200: ChatWordsSchema, ...errors } } }, async (req) => {
    return { words: await app.chat.actions.channelWords(await myChannelId(req.userId())) };
  });

  app.put('/me/channel/chat-words', { schema: { tags: ['chat'], summary: "Replace my channel's filter words", body: ChatWordsSchema, response: { 200: ChatWordsSchema, ...errors } } }, async (req) => {
    return { words: await app.chat.actions.replaceChannelWords(await myChannelId(req.userId()), req.body.words) };
  });
};
