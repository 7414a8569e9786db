import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '@lait/shared';

export interface Account {
  id: number;
  token: string;
  slug: string;
}

/** Signs up through the API (password `correct-horse-7`); every account gets a channel named after it. */
export async function signUp(site: string, nickname: string, email = `${nickname}@lait.test`): Promise<Account> {
  const res = await fetch(`${site}/api/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct-horse-7', nickname }) });
  if (!res.ok) throw new Error(`signup answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { user: { id: number }; accessToken: string };
  const me = (await (await fetch(`${site}/api/me`, { headers: { authorization: `Bearer ${body.accessToken}` } })).json()) as { channel: { slug: string } };
  return { id: body.user.id, token: body.accessToken, slug: me.channel.slug };
}

export async function streamKeyOf(site: string, account: Account): Promise<string> {
  const res = await fetch(`${site}/api/me/channel/stream-key`, { method: 'POST', headers: { authorization: `Bearer ${account.token}` } });
  return ((await res.json()) as { streamKey: string }).streamKey;
}

export async function connectChat(site: string, token?: string): Promise<Socket> {
  const s = io(site, { transports: ['websocket'], reconnection: false, forceNew: true, auth: token ? { token } : {} });
  await new Promise((resolve, reject) => s.once('connect', () => resolve(null)).once('connect_error', reject));
  return s;
}

export async function chatCall<T>(s: Socket, event: string, payload: unknown): Promise<T> {
  const ack = (await s.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code}`);
  return ack.data;
}

export const chatNonce = () => randomBytes(8).toString('hex');
