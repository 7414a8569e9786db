// A tiny DNS server for the local cluster: the edge template resolves ingest nodes by name
// (`ingest-N.<zone>`, as kube-dns answers for a StatefulSet); here they are loopback addresses.
// @see https://www.rfc-editor.org/rfc/rfc1035#section-4.1
import { createSocket } from 'node:dgram';

function readName(msg, offset) {
  const labels = [];
  let pos = offset;
  while (msg[pos] > 0) {
    const len = msg[pos];
    labels.push(msg.subarray(pos + 1, pos + 1 + len).toString('ascii'));
    pos += len + 1;
  }
  return { name: labels.join('.').toLowerCase(), end: pos + 1 };
}

/** The reply to a query (an A answer for `<label>.<zone>` from `records`, label → IPv4; NXDOMAIN for anything else) and the name asked. */
function answer(query, zone, records) {
  const { name, end } = readName(query, 12);
  const question = query.subarray(12, end + 4);
  const qtype = query.readUInt16BE(end);
  const ip = name.endsWith(`.${zone}`) && qtype === 1 ? records[name.slice(0, -(zone.length + 1))] : undefined;
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2);
  header.writeUInt16BE(ip ? 0x8180 : 0x8183, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(ip ? 1 : 0, 6);
  if (!ip) return { reply: Buffer.concat([header, question]), name };
  const rr = Buffer.alloc(16);
  rr.writeUInt16BE(0xc00c, 0);
  rr.writeUInt16BE(1, 2);
  rr.writeUInt16BE(1, 4);
  rr.writeUInt32BE(5, 6);
  rr.writeUInt16BE(4, 10);
  ip.split('.').forEach((octet, i) => rr.writeUInt8(Number(octet), 12 + i));
  return { reply: Buffer.concat([header, question, rr]), name };
}

/**
 * Listens on 127.0.0.1 (a free UDP port); resolves to `{ address: 'host:port', queries, close() }`,
 * `queries` being the names asked so far (the edge tests check what nginx resolved).
 */
export async function startDnsStub(zone, records) {
  const socket = createSocket('udp4');
  const queries = [];
  socket.on('message', (msg, peer) => {
    try {
      const { reply, name } = answer(msg, zone, records);
      queries.push(name);
      socket.send(reply, peer.port, peer.address);
    } catch {
      // Not a query we understand: no answer, the resolver times out.
    }
  });
  await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    queries,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
