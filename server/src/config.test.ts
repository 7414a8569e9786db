import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('runs on embedded defaults: SQLite in the data directory, no Redis', () => {
    const c = loadConfig({});
    expect(c.database.type).toBe('sqlite');
    expect(c.redisUrl).toBeUndefined();
    expect(c.port).toBe(3000);
    expect(c.rtmpNotifySecret.length).toBeGreaterThanOrEqual(16);
  });

  it('switches to MySQL and Redis when their URLs are set', () => {
    const c = loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/lait', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(c.database).toEqual({ type: 'mysql', url: 'mysql://root@127.0.0.1:3306/lait' });
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('fails fast naming the variable at fault', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL/);
  });

  it('trusts no proxy by default, and takes TRUST_PROXY as addresses, CIDRs and named ranges', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.1, 10.1.0.0/16,::1,fd00::/8 , loopback' }).trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback']);
    for (const bad of ['true', '*', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1', '::1/129']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it("takes a busy room's chat tick between 50 and 250 ms, 75 by default", () => {
    expect(loadConfig({}).chat.busyRoomTickMs).toBe(75);
    expect(loadConfig({ CHAT_BUSY_ROOM_TICK_MS: '125' }).chat.busyRoomTickMs).toBe(125);
    for (const bad of ['20', '1000', 'fast']) expect(() => loadConfig({ CHAT_BUSY_ROOM_TICK_MS: bad }), bad).toThrow(/CHAT_BUSY_ROOM_TICK_MS/);
  });

  it('is frozen', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c)).toBe(true);
  });
});
