import { OVERLAY_IMAGE_MAX_CHARS, type ChatOverlay, type ImageOverlay, type OverlayLayer, type TextOverlay } from '@lait/shared';

const newId = (kind: OverlayLayer['kind']) => `${kind}-${crypto.randomUUID().slice(0, 8)}`;

/** A new text layer: white on a dark box at the top left, as OBS's text source starts out readable. */
export function createTextLayer(text: string): TextOverlay {
  return { id: newId('text'), kind: 'text', visible: true, position: { kind: 'corner', corner: 'tl', margin: 0.02 }, text, fontSize: 0.06, color: '#ffffff', background: '#000000' };
}

/** A new image layer, a fifth of the width, at the top right. */
export function createImageLayer(src: string): ImageOverlay {
  return { id: newId('image'), kind: 'image', visible: true, position: { kind: 'corner', corner: 'tr', margin: 0.02 }, src, width: 0.2 };
}

/** A new chat overlay at the bottom left: a third of the width, 40 % of the height, 8 messages. */
export function createChatLayer(): ChatOverlay {
  return { id: newId('chat'), kind: 'chat', visible: true, position: { kind: 'corner', corner: 'bl', margin: 0.02 }, width: 0.34, height: 0.4, maxMessages: 8, fontSize: 0.03 };
}

/** Moves the layer at `index` one step up (+1, drawn later, on top) or down (−1). */
export function moveLayer<T>(layers: readonly T[], index: number, delta: 1 | -1): T[] {
  const to = index + delta;
  if (index < 0 || index >= layers.length || to < 0 || to >= layers.length) return [...layers];
  const next = [...layers];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** Why a picked file cannot be an image layer. */
export type ImageFileError = 'type' | 'size';

/** Reads a picked PNG or JPEG as a data URL small enough to keep in the settings. */
export function readImageFile(file: File): Promise<{ ok: true; src: string } | { ok: false; error: ImageFileError }> {
  if (file.type !== 'image/png' && file.type !== 'image/jpeg') return Promise.resolve({ ok: false, error: 'type' });
  // Base64 is 4/3 of the bytes; the settings schema caps the whole data URL.
  if (Math.ceil(file.size / 3) * 4 + 32 > OVERLAY_IMAGE_MAX_CHARS) return Promise.resolve({ ok: false, error: 'size' });
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ ok: true, src: String(reader.result) });
    reader.onerror = () => resolve({ ok: false, error: 'type' });
    reader.readAsDataURL(file);
  });
}
