import { isIPv6 } from 'node:net';

/**
 * The key a per-address limit counts a client address under (the address itself comes from
 * `app.clientAddress`, which believes X-Forwarded-For only from TRUST_PROXY). IPv4-mapped IPv6
 * counts as IPv4; other IPv6 addresses count by their /64, which one subscriber gets whole and can
 * rotate through freely.
 */
export function addressKey(peer: string): string {
  const address = peer.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const middle = tail === undefined ? [] : Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...middle, ...right].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}
