import { Type, type Static } from '@sinclair/typebox';

/**
 * The form body nginx-rtmp posts to `on_publish`, `on_publish_done` and `on_update`.
 * `name` is what the publisher put after the application: for our ingest, the stream key.
 * @see https://github.com/arut/nginx-rtmp-module/wiki/Directives#on_publish
 */
export const RtmpNotifySchema = Type.Object({
  call: Type.String({ maxLength: 32 }),
  app: Type.String({ maxLength: 64 }),
  name: Type.String({ maxLength: 256 }),
  addr: Type.Optional(Type.String({ maxLength: 64 })),
  clientid: Type.Optional(Type.String({ maxLength: 32 })),
  tcurl: Type.Optional(Type.String({ maxLength: 512 })),
  type: Type.Optional(Type.String({ maxLength: 32 })),
});
export type RtmpNotify = Static<typeof RtmpNotifySchema>;
