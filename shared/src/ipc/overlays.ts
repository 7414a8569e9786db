import { Type, type Static } from '@sinclair/typebox';

/** A colour as the colour input gives it: `#rrggbb`. */
export const OverlayColorSchema = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });

/**
 * Where a layer sits. `point`: its top-left corner at `x`, `y` as fractions of the output's width
 * and height. `corner`: against a corner, `margin` (a fraction of the output width) away from both edges.
 */
export const OverlayPositionSchema = Type.Union([
  Type.Object({ kind: Type.Literal('point'), x: Type.Number({ minimum: 0, maximum: 1 }), y: Type.Number({ minimum: 0, maximum: 1 }) }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('corner'),
    corner: Type.Union([Type.Literal('tl'), Type.Literal('tr'), Type.Literal('bl'), Type.Literal('br')]),
    margin: Type.Number({ minimum: 0, maximum: 0.25 }),
  }, { additionalProperties: false }),
]);
/** Where a layer sits, see {@link OverlayPositionSchema}. */
export type OverlayPosition = Static<typeof OverlayPositionSchema>;

/**
 * The largest image a layer keeps, as a data URL (about 1.5 MB of file): it is stored in the
 * settings file, which is rewritten on every settings change.
 */
export const OVERLAY_IMAGE_MAX_CHARS = 2_000_000;

const common = {
  /** Stable id, so the compositor keeps a layer's decoded image across edits. */
  id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' }),
  visible: Type.Boolean(),
  position: OverlayPositionSchema,
};

/** Text on the picture; `fontSize` is a fraction of the output height. */
export const TextOverlaySchema = Type.Object({
  ...common,
  kind: Type.Literal('text'),
  text: Type.String({ maxLength: 200 }),
  fontSize: Type.Number({ minimum: 0.01, maximum: 0.3 }),
  color: OverlayColorSchema,
  /** A box behind the text, or none. */
  background: Type.Union([OverlayColorSchema, Type.Null()]),
}, { additionalProperties: false });

/** A PNG or JPEG the streamer picked, `width` a fraction of the output width, its own aspect ratio. */
export const ImageOverlaySchema = Type.Object({
  ...common,
  kind: Type.Literal('image'),
  src: Type.String({ pattern: '^data:image/(png|jpeg);base64,', maxLength: OVERLAY_IMAGE_MAX_CHARS }),
  width: Type.Number({ minimum: 0.02, maximum: 1 }),
}, { additionalProperties: false });

/** The newest chat messages of the streamer's channel in a translucent box; sizes are fractions of the output. */
export const ChatOverlaySchema = Type.Object({
  ...common,
  kind: Type.Literal('chat'),
  width: Type.Number({ minimum: 0.1, maximum: 1 }),
  height: Type.Number({ minimum: 0.1, maximum: 1 }),
  maxMessages: Type.Integer({ minimum: 1, maximum: 20 }),
  fontSize: Type.Number({ minimum: 0.01, maximum: 0.1 }),
}, { additionalProperties: false });

/** One layer drawn over the scene's sources. */
export const OverlayLayerSchema = Type.Union([TextOverlaySchema, ImageOverlaySchema, ChatOverlaySchema]);
/** One overlay layer, see {@link OverlayLayerSchema}. */
export type OverlayLayer = Static<typeof OverlayLayerSchema>;
export type TextOverlay = Static<typeof TextOverlaySchema>;
export type ImageOverlay = Static<typeof ImageOverlaySchema>;
export type ChatOverlay = Static<typeof ChatOverlaySchema>;

/** The layers of a scene, bottom first (the last is drawn on top). */
export const OverlayLayersSchema = Type.Array(OverlayLayerSchema, { maxItems: 16 });
