import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One notification nginx posted, decoded. */
export interface NotifyRequest {
  path: string;
  query: URLSearchParams;
  body: URLSearchParams;
}

export interface NotifyAnswer {
  status: number;
  location?: string;
  /** A JSON body (the ladder plan). */
  json?: unknown;
}

export type NotifyHandler = (request: NotifyRequest) => NotifyAnswer;

export interface NotifyStub {
  url: string;
  requests: NotifyRequest[];
  /** Replaces the answering policy (e.g. to start failing on_update). */
  setHandler(handler: NotifyHandler): void;
  close(): Promise<void>;
}

/** Stands in for the Lait server's `/internal/rtmp/*` endpoints. */
export async function startNotifyStub(initial: NotifyHandler): Promise<NotifyStub> {
  let handler = initial;
  const requests: NotifyRequest[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const request = { path: url.pathname, query: url.searchParams, body: new URLSearchParams(raw) };
      requests.push(request);
      const answer = handler(request);
      const headers: Record<string, string> = answer.location ? { Location: answer.location } : {};
      if (answer.json !== undefined) headers['Content-Type'] = 'application/json';
      res.writeHead(answer.status, headers);
      res.end(answer.json === undefined ? undefined : JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setHandler: (next) => (handler = next),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Accepts `key` by renaming it to `playbackId`, refuses every other name, answers 200 to the rest. */
export function acceptKey(key: string, playbackId: string): NotifyHandler {
  return ({ path, body }) => {
    if (path !== '/internal/rtmp/publish') return { status: 200 };
    return body.get('name') === key ? { status: 302, location: playbackId } : { status: 403 };
  };
}
