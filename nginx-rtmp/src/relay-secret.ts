import { createHmac } from 'node:crypto';

/**
 * What the `live` application's push presents to the `hls` application (as `?relay=` in its
 * tcUrl), checked by `hls`'s on_publish: `allow publish 127.0.0.1` alone would let anyone behind
 * a same-host TCP proxy write HLS for an offline channel by its public playback id. Derived from
 * the notify secret, so nginx and the server agree without another setting.
 */
export function deriveRelaySecret(notifySecret: string): string {
  return createHmac('sha256', notifySecret).update('lait:rtmp-relay').digest('base64url');
}
