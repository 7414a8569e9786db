/** The peer: bare Fastify answering the same JSON from memory, with the same response schema. */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { ChannelListSchema } from '@lait/shared';

const body = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const app = Fastify({ logger: false });
app.get('/api/channels', { schema: { response: { 200: ChannelListSchema } } }, async () => body);
await app.listen({ host: '127.0.0.1', port: Number(process.argv[3]) });
console.log('ready');
