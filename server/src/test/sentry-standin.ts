import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll } from 'vitest';

export interface EnvelopeItem {
  header: Record<string, unknown>;
  payload: unknown;
}

export interface Envelope {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
  /** The body as received (decompressed), to check that no secret appears anywhere in it. */
  raw: string;
}

/**
 * Parses Sentry's envelope format: an envelope header line, then per item a header line and a
 * payload of `length` bytes (or up to the next newline when the header gives no length).
 * @see https://develop.sentry.dev/sdk/data-model/envelopes/
 */
export function parseEnvelope(body: Buffer): Envelope {
  let pos = 0;
  const line = (): Buffer => {
    const end = body.indexOf(0x0a, pos);
    const out = body.subarray(pos, end === -1 ? body.length : end);
    pos = end === -1 ? body.length : end + 1;
    return out;
  };
  const header = JSON.parse(line().toString('utf8')) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (pos < body.length) {
    const headerLine = line().toString('utf8');
    if (headerLine.trim() === '') continue;
    const itemHeader = JSON.parse(headerLine) as Record<string, unknown>;
    let payload: Buffer;
    if (typeof itemHeader['length'] === 'number') {
      payload = body.subarray(pos, pos + itemHeader['length']);
      pos += itemHeader['length'];
      if (body[pos] === 0x0a) pos++;
    } else {
      payload = line();
    }
    const text = payload.toString('utf8');
    items.push({ header: itemHeader, payload: itemHeader['type'] === 'attachment' ? text : JSON.parse(text) });
  }
  return { header, items, raw: body.toString('utf8') };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const encoding = req.headers['content-encoding'];
  return encoding === 'gzip' ? gunzipSync(body) : encoding === 'deflate' ? inflateSync(body) : body;
}

export interface SentryStandin {
  /** A DSN pointing at this endpoint (project 1). */
  dsn: string;
  envelopes: Envelope[];
  /** Error events received so far (the `event` items of every envelope). */
  events(): Record<string, unknown>[];
}

/** A local HTTP endpoint speaking Sentry's envelope protocol (`POST /api/<project>/envelope/`), for a describe block. */
export function useSentryStandin(): SentryStandin {
  const ctx = { envelopes: [] as Envelope[], dsn: '' } as SentryStandin;
  ctx.events = () => ctx.envelopes.flatMap((e) => e.items.filter((i) => i.header['type'] === 'event').map((i) => i.payload as Record<string, unknown>));
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || !/^\/api\/\d+\/envelope\/?(\?|$)/.test(req.url ?? '')) {
      res.writeHead(404).end();
      return;
    }
    readBody(req).then(
      (body) => {
        ctx.envelopes.push(parseEnvelope(body));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      },
      () => res.writeHead(400).end(),
    );
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    ctx.dsn = `http://0123456789abcdef0123456789abcdef@127.0.0.1:${(server.address() as AddressInfo).port}/1`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return ctx;
}
