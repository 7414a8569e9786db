import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ChatSendSchema } from '../chat/messages.js';
import { NicknameSchema } from '../http/auth.js';
import { ChannelDescriptionSchema, ChannelTagSchema, ChannelTitleSchema } from '../http/channels.js';
import { ChannelUpdateArgsSchema } from '../ipc/account.js';
import { MULTILINE_TEXT_PATTERN, PLAIN_TEXT_PATTERN, VISIBLE_TEXT_PATTERN, visibleText } from './plain-text.js';

const HOSTILE = ['\u001b[2J\u001b[31mpwned', 'a\u0000b', 'a\u0007', 'a\u007f', 'a\u0085b', 'a\u009bb', 'abc\u202Eevil', '\u202Adir', '\u2066iso\u2069', 'line\u2028sep'];
const FINE = ['첫 방송', 'Lait 🎮 night', 'שלום world', '\u200Fmark', 'a\u00a0b'];

/** Ajv compiles patterns with the `u` flag, TypeBox without: both must agree. */
const both = (pattern: string, text: string) => [new RegExp(pattern).test(text), new RegExp(pattern, 'u').test(text)];

describe('plain text (titles, tags, nicknames, chat)', () => {
  it('refuses C0/C1 controls, line separators and bidi overrides and isolates, in both regex modes', () => {
    for (const bad of [...HOSTILE, 'tab\there', 'new\nline']) {
      expect(both(PLAIN_TEXT_PATTERN, bad), JSON.stringify(bad)).toEqual([false, false]);
      expect(both(VISIBLE_TEXT_PATTERN, bad), JSON.stringify(bad)).toEqual([false, false]);
    }
    for (const ok of FINE) {
      expect(both(PLAIN_TEXT_PATTERN, ok), ok).toEqual([true, true]);
      expect(both(VISIBLE_TEXT_PATTERN, ok), ok).toEqual([true, true]);
    }
  });

  it('refuses a lone surrogate but keeps emoji, in both regex modes', () => {
    for (const bad of ['a\uD800', '\uDC00b', 'x\uD83D']) expect(both(PLAIN_TEXT_PATTERN, bad), JSON.stringify(bad)).toEqual([false, false]);
    expect(both(PLAIN_TEXT_PATTERN, '😀👍🏽')).toEqual([true, true]);
    expect(both(VISIBLE_TEXT_PATTERN, '😀')).toEqual([true, true]);
  });

  it('a title needs a visible character and no controls', () => {
    for (const bad of ['', ' ', '\u3000', '\t제목', '제목\n', ...HOSTILE]) expect(Value.Check(ChannelTitleSchema, bad), JSON.stringify(bad)).toBe(false);
    for (const ok of [' 첫 방송 ', ...FINE]) expect(Value.Check(ChannelTitleSchema, ok), ok).toBe(true);
    expect(Value.Check(ChannelUpdateArgsSchema, { title: 'abc\u202Eevil' })).toBe(false);
  });

  it('chat text, tags and nicknames refuse the same; a description may have newlines', () => {
    for (const bad of HOSTILE) {
      expect(Value.Check(ChatSendSchema, { channel: 'lait', text: bad, nonce: 'abcdefgh' }), JSON.stringify(bad)).toBe(false);
      expect(Value.Check(ChannelTagSchema, bad), JSON.stringify(bad)).toBe(false);
      expect(Value.Check(NicknameSchema, bad.slice(0, 20)), JSON.stringify(bad)).toBe(false);
      expect(Value.Check(ChannelDescriptionSchema, bad), JSON.stringify(bad)).toBe(false);
    }
    expect(Value.Check(ChatSendSchema, { channel: 'lait', text: '안녕 😀', nonce: 'abcdefgh' })).toBe(true);
    expect(Value.Check(ChannelTagSchema, '게임')).toBe(true);
    expect(Value.Check(ChannelTagSchema, ' 게임')).toBe(false);
    expect(Value.Check(ChannelTagSchema, 'a,b')).toBe(false);
    expect(both(MULTILINE_TEXT_PATTERN, '첫 줄\n\t둘째 줄\r\n')).toEqual([true, true]);
  });

  it('checks a long hostile string quickly (no backtracking blow-up)', () => {
    const start = Date.now();
    for (const p of [PLAIN_TEXT_PATTERN, VISIBLE_TEXT_PATTERN]) both(p, `${' '.repeat(50_000)}\u0000`);
    expect(Date.now() - start).toBeLessThan(500);
  });

  it('shows controls and bidi overrides as visible escapes', () => {
    expect(visibleText('\u001b[2Jtitle\u202E\n')).toBe('\\x1b[2Jtitle\\u202e\\x0a');
    expect(visibleText('첫 방송 😀')).toBe('첫 방송 😀');
  });
});
