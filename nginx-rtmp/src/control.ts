import { NginxRtmpError } from './errors.js';

/**
 * Drops the publisher of `app`/`name` through `rtmp_control` and resolves with how many
 * clients nginx dropped (0 when no such stream is live). In `live` the name is the playbackId.
 */
export async function dropPublisher(controlUrl: string, app: string, name: string, timeoutMs = 3000): Promise<number> {
  const url = new URL('/control/drop/publisher', controlUrl);
  url.searchParams.set('app', app);
  url.searchParams.set('name', name);
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const body = (await response.text()).trim();
  // rtmp_control answers 200 with the count, and 204 or 404 when nothing matched.
  if (response.status === 204 || response.status === 404) return 0;
  if (!response.ok) {
    throw new NginxRtmpError('NGINX_CONTROL_FAILED', `drop publisher ${app}/${name} answered ${response.status}`);
  }
  const dropped = Number(body);
  return Number.isInteger(dropped) ? dropped : 0;
}
