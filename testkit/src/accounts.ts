/** Create an account through the real REST signup; returns its channel slug. */
export async function signUp(site: string, user: { email: string; password: string; nickname: string }): Promise<{ slug: string; accessToken: string }> {
  const res = await fetch(`${site}/api/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
  if (res.status !== 201) throw new Error(`signup failed ${res.status}: ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  const me = (await (await fetch(`${site}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { channel: { slug: string } };
  return { slug: me.channel.slug, accessToken };
}
