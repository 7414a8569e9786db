import type { ChatMessage, OverlayLayer } from '@lait/shared';
import { useEffect, useMemo, useRef } from 'react';
import type { Pipeline } from '../pipeline/pipeline';
import { toOverlayLines, type OverlayChatLine } from './chat-overlay';

/**
 * Decodes an image layer's data URL into a bitmap the worker can draw. Not `fetch(dataUrl)`: the
 * page's CSP allows `data:` for images only, not for connections.
 */
export async function decodeDataUrl(src: string): Promise<ImageBitmap> {
  const comma = src.indexOf(',');
  const type = src.slice(5, src.indexOf(';'));
  const bin = atob(src.slice(comma + 1));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return createImageBitmap(new Blob([bytes], { type }));
}

/** Keeps the compositor's layers, decoded images and chat lines in step with the page's. */
export function useOverlaySync(pipeline: Pipeline | null, layers: readonly OverlayLayer[], chat: readonly OverlayChatLine[]) {
  useEffect(() => pipeline?.setOverlays(layers), [pipeline, layers]);
  useEffect(() => pipeline?.setChatLines([...chat]), [pipeline, chat]);

  // What each image layer shows in this pipeline, so an edit of its size does not decode it again.
  const decoded = useRef<{ pipeline: Pipeline | null; srcs: Map<string, string> }>({ pipeline: null, srcs: new Map() });
  useEffect(() => {
    if (!pipeline) return;
    if (decoded.current.pipeline !== pipeline) decoded.current = { pipeline, srcs: new Map() };
    const { srcs } = decoded.current;
    for (const layer of layers) {
      if (layer.kind !== 'image' || srcs.get(layer.id) === layer.src) continue;
      srcs.set(layer.id, layer.src);
      void decodeDataUrl(layer.src).then((image) => {
        if (decoded.current.pipeline === pipeline && srcs.get(layer.id) === layer.src) pipeline.setOverlayImage(layer.id, image);
        else image.close();
      }, () => pipeline.setOverlayImage(layer.id, null));
    }
  }, [pipeline, layers]);
}

/**
 * The chat as the overlay draws it, each message timed by when this app first saw it at the
 * latest (see {@link toOverlayLines}).
 */
export function useOverlayChatLines(messages: readonly ChatMessage[]): OverlayChatLine[] {
  const seen = useRef(new Map<string, number>());
  return useMemo(() => {
    const now = Date.now();
    const map = seen.current;
    for (const m of messages) if (!map.has(m.id)) map.set(m.id, now);
    // Forget ids long gone from the list, so the map stays as small as the chat.
    if (map.size > 400) for (const id of [...map.keys()].slice(0, map.size - 200)) map.delete(id);
    return toOverlayLines(messages, (id) => map.get(id) ?? now);
  }, [messages]);
}
