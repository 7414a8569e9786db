import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.js';
import { signUp, type TestUser } from '../../test/users.js';
import { code, connect, listen, nonce, ok, slugOf, type ChatClient } from './test/chat-clients.js';

/** Issue 9: chat text cannot carry terminal escapes, bidi overrides or lone surrogates. */
describe('chat text', () => {
  const t = useTestApp('sqlite');
  let url: string;
  let viewer: TestUser;
  let slug: string;
  const sockets: ChatClient[] = [];

  beforeAll(async () => {
    url = await listen(t.app);
    viewer = await signUp(t.app);
    slug = await slugOf(t.app, (await signUp(t.app)).accessToken);
  });
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  it('refuses controls, bidi overrides and lone surrogates with VALIDATION_FAILED, and stores none of them', async () => {
    const writer = await connect(url, viewer.accessToken);
    sockets.push(writer);
    await ok(writer, 'chat:join', { channel: slug });
    for (const text of ['\u001b[2Jhi', 'abc\u202Eevil', 'two\nlines', 'bell\u0007', 'iso\u2067late', 'half \uD83D']) {
      expect(await code(writer, 'chat:send', { channel: slug, text, nonce: nonce() }), JSON.stringify(text)).toBe('VALIDATION_FAILED');
    }
    const sent = await ok<{ text: string }>(writer, 'chat:send', { channel: slug, text: '안녕 😀 שלום', nonce: nonce() });
    expect(sent.text).toBe('안녕 😀 שלום');
    const reader = await connect(url);
    sockets.push(reader);
    const { history } = await ok<{ history: { text: string }[] }>(reader, 'chat:join', { channel: slug });
    expect(history.map((m) => m.text)).toEqual(['안녕 😀 שלום']);
  });
});
