import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readRepoFile } from './repo.js';

interface Panel {
  title: string;
  targets?: { expr: string }[];
}

/** Series names the server exports: its registry's `name: 'lait_…'` and prom-client's default metrics. */
function exportedNames(): Set<string> {
  const registry = readRepoFile('server/src/plugins/metrics-registry.ts');
  const own = [...registry.matchAll(/name: '(lait_[a-z0-9_]+)'/g)].map((m) => m[1]!);
  // prom-client as the server resolves it, wherever npm placed it.
  const promClient = path.dirname(createRequire(path.join(ROOT, 'server', 'package.json')).resolve('prom-client/package.json'));
  const defaultsDir = path.join(promClient, 'lib', 'metrics');
  const defaults = readdirSync(defaultsDir).filter((f) => f.endsWith('.js')).flatMap((f) => [...readFileSync(path.join(defaultsDir, f), 'utf8').matchAll(/'((?:nodejs|process)_[a-z0-9_]+)'/g)].map((m) => m[1]!));
  return new Set([...own, ...defaults]);
}

describe('deploy/grafana/lait.json', () => {
  const dashboard = JSON.parse(readRepoFile('deploy/grafana/lait.json')) as { uid: string; panels: Panel[] };

  it('queries only series the server exports (histograms by their _bucket/_count/_sum)', () => {
    const exported = exportedNames();
    expect(exported.has('lait_chat_ack_seconds')).toBe(true);
    const used = dashboard.panels.flatMap((p) => (p.targets ?? []).flatMap((t) => [...t.expr.matchAll(/\b((?:lait|nodejs|process)_[a-z0-9_]+)/g)].map((m) => m[1]!)));
    expect(used.length).toBeGreaterThan(15);
    const unknown = used.filter((name) => !exported.has(name) && !exported.has(name.replace(/_(bucket|count|sum)$/, '')));
    expect(unknown).toEqual([]);
  });

  it('charts what an operator watches: live channels, viewers, chat rates and acks, HTTP latency, event-loop lag, errors, ingest and transcoders', () => {
    const text = JSON.stringify(dashboard.panels);
    for (const series of ['lait_live_channels', 'lait_viewers', 'lait_channel_viewers', 'lait_chat_messages_received_total', 'lait_chat_messages_delivered_total', 'lait_chat_ack_seconds_bucket', 'lait_socket_connections', 'lait_http_request_duration_seconds_bucket', 'nodejs_eventloop_lag_p99_seconds', 'lait_db_errors_total', 'lait_redis_errors_total', 'lait_ingest_bitrate_bits_per_second', 'lait_ingest_fps', 'lait_ingest_dropped_frames', 'lait_transcoder_speed_ratio']) {
      expect(text, series).toContain(series);
    }
    expect(new Set(dashboard.panels.map((p) => p.title)).size).toBe(dashboard.panels.length);
  });
});
