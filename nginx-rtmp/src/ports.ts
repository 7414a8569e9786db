import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves true when something accepts a TCP connection on host:port within timeoutMs. */
export function canConnect(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls until every port accepts, `isAborted()` turns true, or the deadline passes. */
export async function waitForPorts(
  targets: ReadonlyArray<{ host: string; port: number }>,
  deadline: number,
  isAborted: () => boolean,
): Promise<boolean> {
  const pending = [...targets];
  while (pending.length > 0) {
    if (isAborted() || Date.now() > deadline) return false;
    const [first] = pending;
    if (first && (await canConnect(first.host, first.port))) pending.shift();
    else await sleep(100);
  }
  return true;
}

/** True when host:port can be bound right now (a best-effort check: the port may be taken later). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS considers free on 127.0.0.1 (for tests and ad-hoc runs). */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
