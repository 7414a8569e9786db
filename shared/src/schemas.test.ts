import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ChatSendSchema, ChatSettingsUpdateSchema, ChatJoinSchema } from './chat/messages.js';
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

  it('bounds chat payloads: a nonce is required and ids are decimal strings', () => {
    expect(Value.Check(ChatSendSchema, { channel: 'lait', text: '안녕', nonce: 'abcdefgh' })).toBe(true);
    expect(Value.Check(ChatSendSchema, { channel: 'lait', text: '안녕' })).toBe(false);
    expect(Value.Check(ChatSendSchema, { channel: 'lait', text: 'x'.repeat(5000), nonce: 'abcdefgh' })).toBe(false);
    expect(Value.Check(ChatJoinSchema, { channel: 'lait', sinceId: '12' })).toBe(true);
    expect(Value.Check(ChatJoinSchema, { channel: 'lait', sinceId: '-1' })).toBe(false);
    expect(Value.Check(ChatSettingsUpdateSchema, { channel: 'lait', slowModeSec: 99999 })).toBe(false);
  });

  it('lists every error code once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  });
});
