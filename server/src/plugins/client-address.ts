import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/** Decides whether the peer at `address` (the `hop`-th from us) is a proxy whose X-Forwarded-For is believed. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY's list compiled once: Fastify gets it as `trustProxy` (so `req.ip` follows it) and
 * Socket.IO goes through {@link clientAddress}, so every per-address limit sees the same address.
 * An empty list trusts nobody: X-Forwarded-For from a direct client is ignored.
 */
export function compileTrustProxy(list: readonly string[]): TrustProxy {
  return list.length === 0 ? () => false : proxyAddr.compile([...list]);
}

/**
 * The client's address for a raw request (a Socket.IO handshake's `socket.request`): the peer's,
 * or the nearest untrusted address in X-Forwarded-For when the peer is a trusted proxy.
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  return proxyAddr(req, trust);
}
