import type { FastifyInstance } from 'fastify';

let counter = 0;

export interface TestUser {
  id: number;
  nickname: string;
  email: string;
  accessToken: string;
  refreshCookie: string;
}

/** Signs a new user up through the API and returns their tokens. */
export async function signUp(app: FastifyInstance, nickname = `user${process.pid % 1000}_${++counter}`): Promise<TestUser> {
  const email = `${nickname.toLowerCase()}@lait.test`;
  const res = await app.inject({ method: 'POST', url: '/api/auth/signup', payload: { email, password: 'correct-horse-7', nickname } });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return { id: body.user.id, nickname, email, accessToken: body.accessToken, refreshCookie: refreshCookieOf(res.headers['set-cookie']) };
}

export function refreshCookieOf(header: string | string[] | undefined): string {
  const all = Array.isArray(header) ? header : header ? [header] : [];
  const c = all.find((h) => h.startsWith('lait_rt='));
  return c ? c.split(';')[0]! : '';
}

export const bearer = (u: { accessToken: string }) => ({ authorization: `Bearer ${u.accessToken}` });
