import { waitFor } from './ports.js';
import { publish, type Publisher } from './publisher.js';

/** Create an account through the real REST signup; returns its channel slug. */
export async function signUp(site: string, user: { email: string; password: string; nickname: string }): Promise<{ slug: string; accessToken: string }> {
  const res = await fetch(`${site}/api/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
  if (res.status !== 201) throw new Error(`signup failed ${res.status}: ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  const me = (await (await fetch(`${site}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { channel: { slug: string } };
  return { slug: me.channel.slug, accessToken };
}

/**
 * A streamer who is live: signs up, sets the channel's `patch` (title, category…), takes a stream key
 * and publishes the test pattern until stopped; resolves once the API says the channel is live.
 */
export async function goLive(
  platform: { urls: { site: string; rtmp: string }; api<T>(path: string): Promise<{ body: T }> },
  user: { email: string; password: string; nickname: string },
  opts: { durationSec: number; patch?: Record<string, unknown> },
): Promise<{ slug: string; accessToken: string; publisher: Publisher }> {
  const site = platform.urls.site;
  const { slug, accessToken } = await signUp(site, user);
  const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  if (opts.patch) {
    const res = await fetch(`${site}/api/me/channel`, { method: 'PATCH', headers, body: JSON.stringify(opts.patch) });
    if (!res.ok) throw new Error(`channel update failed ${res.status}: ${await res.text()}`);
  }
  const key = (await (await fetch(`${site}/api/me/channel/stream-key`, { method: 'POST', headers, body: '{}' })).json()) as { streamKey: string };
  const publisher = publish(platform.urls.rtmp, key.streamKey, { durationSec: opts.durationSec });
  await waitFor('the channel to be live', async () => (await platform.api<{ live: boolean }>(`/api/channels/${slug}`)).body.live, 30_000);
  return { slug, accessToken, publisher };
}
