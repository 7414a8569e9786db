import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** OpenAPI at /api/docs/json, UI at /api/docs. Routes marked `hide` (nginx's notify hooks) stay out. */
export const docsPlugin = fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Lait API', version: '0.1.0', description: 'Lait (라잇) live streaming: channels, accounts, chat.' },
      tags: [{ name: 'channels' }, { name: 'discovery' }, { name: 'follows' }, { name: 'auth' }, { name: 'me' }, { name: 'health' }, { name: 'videos' }, { name: 'clips' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
});
