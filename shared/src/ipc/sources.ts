import { Type, type Static } from '@sinclair/typebox';

/** Kind of capturable source offered by the desktop capturer. */
export const CaptureSourceKindSchema = Type.Union([Type.Literal('screen'), Type.Literal('window')]);
/** Kind of capturable source. */
export type CaptureSourceKind = Static<typeof CaptureSourceKindSchema>;

/** Arguments of `sources:list`. */
export const SourcesListArgsSchema = Type.Object(
  {
    kinds: Type.Array(CaptureSourceKindSchema, { minItems: 1, maxItems: 2, uniqueItems: true }),
    thumbnailWidth: Type.Optional(Type.Integer({ minimum: 0, maximum: 640 })),
  },
  { additionalProperties: false },
);
/** Arguments of `sources:list`. */
export type SourcesListArgs = Static<typeof SourcesListArgsSchema>;

/**
 * A screen or window the renderer may capture. `id` is a desktopCapturer id, passed back to
 * `getUserMedia({ video: { mandatory: { chromeMediaSource: 'desktop', chromeMediaSourceId } } })`.
 */
export const CaptureSourceSchema = Type.Object({
  id: Type.String({ maxLength: 256 }),
  name: Type.String(),
  kind: CaptureSourceKindSchema,
  thumbnailDataUrl: Type.Optional(Type.String()),
});
/** A capturable source, see {@link CaptureSourceSchema}. */
export type CaptureSource = Static<typeof CaptureSourceSchema>;

/** Result of `sources:list`. */
export const SourcesListResultSchema = Type.Array(CaptureSourceSchema);
