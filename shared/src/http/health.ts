import { Type, type Static } from '@sinclair/typebox';

export const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  uptimeSec: Type.Number(),
});
export type Health = Static<typeof HealthSchema>;
