import { OverlayLayersSchema, type OverlayLayer } from '@lait/shared';
import { Value } from '@sinclair/typebox/value';
import { nextChatChange, type OverlayChatLine } from '../overlays/chat-overlay';
import type { OutputSize } from '../overlays/overlay-layout';
import { drawOverlays } from './overlay-draw';

/**
 * The worker's overlay layers, their decoded images and the chat lines, owned by the pipeline.
 * Layers are checked against the shared schema as they arrive: the worker draws only what the
 * settings would accept.
 */
export class OverlayState {
  private layers: readonly OverlayLayer[] = [];
  private readonly images = new Map<string, ImageBitmap>();
  private chat: readonly OverlayChatLine[] = [];
  /** When the chat overlay next looks different by itself (a line starts or keeps fading). */
  private chatDue: number | null = null;

  /** Replaces the layers; false (and nothing changes) when they are not valid layers. */
  setLayers(layers: unknown): boolean {
    if (!Value.Check(OverlayLayersSchema, layers)) return false;
    this.layers = layers;
    for (const [id, image] of this.images) {
      if (!layers.some((l) => l.id === id && l.kind === 'image')) {
        image.close();
        this.images.delete(id);
      }
    }
    this.chatDue = 0;
    return true;
  }

  setImage(id: string, image: ImageBitmap | null): void {
    this.images.get(id)?.close();
    if (image) this.images.set(id, image);
    else this.images.delete(id);
  }

  setChat(lines: readonly OverlayChatLine[]): void {
    this.chat = lines;
    this.chatDue = 0;
  }

  /** Whether anything is drawn over the sources (the picture then has to go through the canvas). */
  active(): boolean {
    return this.layers.some((l) => l.visible);
  }

  /** Whether a visible chat overlay needs a new picture at `now` although no source changed. */
  redrawDue(now: number): boolean {
    return this.chatDue !== null && now >= this.chatDue && this.layers.some((l) => l.visible && l.kind === 'chat');
  }

  draw(ctx: OffscreenCanvasRenderingContext2D, out: OutputSize): void {
    const now = Date.now();
    drawOverlays(ctx, this.layers, { images: this.images, chat: this.chat, now }, out);
    const chat = this.layers.find((l) => l.visible && l.kind === 'chat');
    const wait = chat?.kind === 'chat' ? nextChatChange(this.chat, now, chat.maxMessages) : null;
    this.chatDue = wait === null ? null : performance.now() + wait;
  }
}
