import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ChatHistorySchema, ChatSendSchema, ChatSettingsUpdateSchema, ChatJoinSchema } from './chat/messages.js';
import { ERROR_CODES } from './errors/codes.js';
import { NicknameSchema, SignupBodySchema } from './http/auth.js';
import { ChannelUpdateSchema, SlugSchema } from './http/channels.js';

describe('shared schemas (what every server and client relies on)', () => {
  it('accepts channel slugs people type in URLs and refuses the rest', () => {
    for (const ok of ['lait', 'my-channel', 'game_night-2', 'abc']) expect(Value.Check(SlugSchema, ok), ok).toBe(true);
    for (const bad of ['ab', 'My-Channel', '-lead', 'trail-', '라잇', 'a b c', 'x'.repeat(33), '../etc']) expect(Value.Check(SlugSchema, bad), bad).toBe(false);
  });

  it('allows Hangul nicknames but not spaces or symbols', () => {
    for (const ok of ['라잇', '하늘이', 'Lait_Fan', '치즈123']) expect(Value.Check(NicknameSchema, ok), ok).toBe(true);
    for (const bad of ['ㄹ', '공 백', 'emoji😀', '<script>', 'x'.repeat(21)]) expect(Value.Check(NicknameSchema, bad), bad).toBe(false);
  });

  it('refuses unknown fields in bodies, so typos are a 400 instead of silently ignored', () => {
    expect(Value.Check(SignupBodySchema, { email: 'a@b.co', password: 'abcdefgh1', nickname: '라잇', admin: true })).toBe(false);
    expect(Value.Check(ChannelUpdateSchema, {})).toBe(false);
    expect(Value.Check(ChannelUpdateSchema, { title: '첫 방송' })).toBe(true);
  });

  it('refuses a channel title of white space only', () => {
    for (const bad of ['', ' ', '\t\n ', '\u3000\u00a0']) expect(Value.Check(ChannelUpdateSchema, { title: bad }), JSON.stringify(bad)).toBe(false);
    expect(Value.Check(ChannelUpdateSchema, { title: ' 첫 방송 ' })).toBe(true);
  });

  it('bounds chat payloads: a nonce is required and ids are decimal strings', () => {
    expect(Value.Check(ChatSendSchema, { channel: 'lait', text: '안녕', nonce: 'abcdefgh' })).toBe(true);
    expect(Value.Check(ChatSendSchema, { channel: 'lait', text: '안녕' })).toBe(false);
    expect(Value.Check(ChatSendSchema, { channel: 'lait', text: 'x'.repeat(5000), nonce: 'abcdefgh' })).toBe(false);
    expect(Value.Check(ChatJoinSchema, { channel: 'lait', sinceId: '12' })).toBe(true);
    expect(Value.Check(ChatJoinSchema, { channel: 'lait', sinceId: '-1' })).toBe(false);
    expect(Value.Check(ChatSettingsUpdateSchema, { channel: 'lait', slowModeSec: 99999 })).toBe(false);
  });

  it('refuses chat text that is not well-formed UTF-16 (a lone surrogate) and keeps emoji', () => {
    const send = (text: string) => Value.Check(ChatSendSchema, { channel: 'lait', text, nonce: 'abcdefgh' });
    for (const ok of ['😀 웃음', '👨‍👩‍👧', 'plain', '']) expect(send(ok), ok).toBe(true);
    for (const bad of ['\uD83D', 'a\uDE00b', '😀\uD83D', '\uDE00\uD83D']) expect(send(bad), JSON.stringify(bad)).toBe(false);
  });

  it('bounds a history page at 100 messages', () => {
    expect(Value.Check(ChatHistorySchema, { channel: 'lait', beforeId: '120', limit: 100 })).toBe(true);
    expect(Value.Check(ChatHistorySchema, { channel: 'lait', beforeId: '120', limit: 101 })).toBe(false);
    expect(Value.Check(ChatHistorySchema, { channel: 'lait' })).toBe(false);
  });

  it('lists every error code once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  });
});
