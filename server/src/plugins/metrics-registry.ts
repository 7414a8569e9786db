import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ChatMetrics } from '../modules/chat/chat-metrics.js';

/**
 * The typed metrics object feature code writes to (`app.metrics`). One registry per app, so two
 * apps in one process (tests) never share series. Names follow Prometheus conventions: base units
 * (seconds, bits), `_total` for counters.
 * @see https://prometheus.io/docs/practices/naming/
 */
export interface LaitMetrics {
  readonly registry: Registry;
  /** Speed of each ladder rung's transcoder (1 = realtime), set at scrape time from the nodes' `/ladder` (same as `live.transcoderSpeed`). */
  readonly transcoderSpeed: Gauge<'rung'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  /** `query`: a statement failed; `unavailable`: a request failed because the database was unreachable. */
  readonly dbErrors: Counter<'kind'>;
  /** `main`/`subscriber`: a connection error; `command`: a command failed and chat fell back to local state. */
  readonly redisErrors: Counter<'connection'>;
  /** What the chat module reports (sends, acknowledgements, deliveries). */
  readonly chat: ChatMetrics;
  /** Scrape-time series (live channels, viewers, ingest, sockets); each sample is read when Prometheus scrapes. */
  readonly live: LiveGauges;
}

export interface LiveGauges {
  readonly liveChannels: Gauge;
  readonly viewersTotal: Gauge;
  readonly channelViewers: Gauge<'channel'>;
  readonly sockets: Gauge;
  readonly ingestUp: Gauge;
  readonly ingestStreams: Gauge;
  readonly ingestBitrate: Gauge;
  readonly ingestFps: Gauge<'stat'>;
  readonly ingestDroppedFrames: Gauge;
  /** The slowest transcoder of each rung over every laddered stream of every node: labelled by rung only. */
  readonly transcoderSpeed: Gauge<'rung'>;
}

/** Buckets for chat acknowledgements: a send waits for one 50 ms batch tick and one INSERT. */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createLaitMetrics(): LaitMetrics {
  const registry = new Registry();
  // process_*, nodejs_eventloop_lag_* (p50/p90/p99 via monitorEventLoopDelay), heap, GC.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const registers = [registry];
  const chatSends = new Counter({ name: 'lait_chat_messages_received_total', help: 'chat:send events handled, by outcome (accepted: stored and broadcast)', labelNames: ['result'], registers });
  const chatDelivered = new Counter({ name: 'lait_chat_messages_delivered_total', help: 'Chat messages written to sockets of this process (messages x recipients)', registers });
  const chatAck = new Histogram({ name: 'lait_chat_ack_seconds', help: 'Time from a chat event reaching the server to its acknowledgement', labelNames: ['event', 'result'], buckets: ACK_BUCKETS, registers });
  const redisErrors = new Counter({ name: 'lait_redis_errors_total', help: 'Redis connection errors and failed commands', labelNames: ['connection'], registers });
  const transcoderSpeed = new Gauge({ name: 'lait_transcoder_speed_ratio', help: 'Slowest transcoder speed per ladder rung over all streams (1 = realtime; below 1 falls behind)', labelNames: ['rung'], registers });
  return {
    registry,
    transcoderSpeed,
    httpDuration: new Histogram({ name: 'lait_http_request_duration_seconds', help: 'HTTP request latency by route pattern', labelNames: ['method', 'route', 'status_code'], buckets: HTTP_BUCKETS, registers }),
    dbErrors: new Counter({ name: 'lait_db_errors_total', help: 'Database errors', labelNames: ['kind'], registers }),
    redisErrors,
    chat: {
      send: (accepted) => chatSends.inc({ result: accepted ? 'accepted' : 'refused' }),
      ack: (event, seconds, ok) => chatAck.observe({ event, result: ok ? 'ok' : 'error' }, seconds),
      delivered: (messages) => chatDelivered.inc(messages),
      redisError: () => redisErrors.inc({ connection: 'command' }),
    },
    live: {
      liveChannels: new Gauge({ name: 'lait_live_channels', help: 'Channels live now (cluster-wide, from the database)', registers }),
      viewersTotal: new Gauge({ name: 'lait_viewers', help: 'Viewers on live channels (cluster-wide)', registers }),
      channelViewers: new Gauge({ name: 'lait_channel_viewers', help: 'Viewers of the top 10 live channels, by slug', labelNames: ['channel'], registers }),
      sockets: new Gauge({ name: 'lait_socket_connections', help: 'Socket.IO connections open on this process', registers }),
      ingestUp: new Gauge({ name: 'lait_ingest_up', help: '1 when nginx-rtmp stat answered at the last scrape', registers }),
      ingestStreams: new Gauge({ name: 'lait_ingest_streams', help: 'Streams publishing to the ingest application', registers }),
      ingestBitrate: new Gauge({ name: 'lait_ingest_bitrate_bits_per_second', help: 'Incoming bitrate summed over publishing streams', registers }),
      ingestFps: new Gauge({ name: 'lait_ingest_fps', help: 'Frame rate over publishing streams (min and avg)', labelNames: ['stat'], registers }),
      ingestDroppedFrames: new Gauge({ name: 'lait_ingest_dropped_frames', help: 'Frames nginx dropped, summed over the streams publishing now', registers }),
      transcoderSpeed,
    },
  };
}
