import { Type, type Static } from '@sinclair/typebox';

export const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  uptimeSec: Type.Number(),
});
export type Health = Static<typeof HealthSchema>;

/** Liveness: the process answers (no dependency checked, so a database outage restarts nothing). */
export const LivenessSchema = Type.Object({ status: Type.Literal('ok'), uptimeSec: Type.Number() });
export type Liveness = Static<typeof LivenessSchema>;

/**
 * Headers of `GET /metrics` (Prometheus scrape): the bearer token is checked in constant time by
 * the server; a missing or wrong one is a 401, not a validation error.
 */
export const MetricsHeadersSchema = Type.Object({
  authorization: Type.Optional(Type.String({ maxLength: 1024 })),
});
export type MetricsHeaders = Static<typeof MetricsHeadersSchema>;

/**
 * What the site needs to know at start that only the deployment knows (`GET /api/client-config`).
 * Everything here is public: a browser DSN only lets clients send events.
 */
export const ClientConfigSchema = Type.Object({
  /** The site's Sentry project, or null when the site reports nothing. */
  sentry: Type.Union([Type.Object({ dsn: Type.String(), environment: Type.String() }), Type.Null()]),
});
export type ClientConfig = Static<typeof ClientConfigSchema>;
