import type { ChatOverlay, ImageOverlay, OverlayLayer, TextOverlay } from '@lait/shared';
import { selectChatLines, type OverlayChatLine } from '../overlays/chat-overlay';
import { chatRect, imageRect, textFontPx, textPaddingPx, textRect, type OutputSize } from '../overlays/overlay-layout';

type Ctx = OffscreenCanvasRenderingContext2D;

/** What the layers draw from besides their definitions: decoded images by layer id, and the chat. */
export interface OverlayInputs {
  images: ReadonlyMap<string, ImageBitmap>;
  chat: readonly OverlayChatLine[];
  now: number;
}

/** Noto Sans CJK is what Linux has for Hangul; Windows and macOS fall through to their Korean fonts. */
const FONT_FAMILY = "'Noto Sans CJK KR', 'Noto Sans KR', 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif";
const font = (px: number, weight = 600) => `${weight} ${px}px ${FONT_FAMILY}`;

/**
 * Text measured once per font: the same lines are drawn on every output frame (30-60 a second), and
 * cutting a long chat line to width takes several measurements. Widths and cut lines by font, width
 * and text; cleared when it grows past a few screens of chat.
 */
class TextMeasure {
  private readonly widths = new Map<string, number>();
  private readonly cuts = new Map<string, string>();

  width(ctx: Ctx, text: string): number {
    const key = `${ctx.font}\u0000${text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      if (this.widths.size >= 2000) this.widths.clear();
      w = ctx.measureText(text).width;
      this.widths.set(key, w);
    }
    return w;
  }

  /** Cuts `text` to fit `max` pixels with an ellipsis (one line per message, as on stream overlays). */
  fit(ctx: Ctx, text: string, max: number): string {
    const key = `${ctx.font}\u0000${max}\u0000${text}`;
    let cut = this.cuts.get(key);
    if (cut === undefined) {
      if (this.cuts.size >= 1000) this.cuts.clear();
      cut = text;
      if (this.width(ctx, text) > max) {
        let chars = [...text];
        while (chars.length > 1 && ctx.measureText(`${chars.join('')}…`).width > max) chars = chars.slice(0, Math.floor(chars.length * 0.9));
        cut = `${chars.join('')}…`;
      }
      this.cuts.set(key, cut);
    }
    return cut;
  }
}

const measure = new TextMeasure();

function drawText(ctx: Ctx, layer: TextOverlay, out: OutputSize): void {
  if (!layer.text.trim()) return;
  const px = textFontPx(layer, out);
  ctx.font = font(px);
  const r = textRect(layer, measure.width(ctx, layer.text), out);
  const pad = textPaddingPx(px);
  if (layer.background) {
    ctx.fillStyle = layer.background;
    ctx.fillRect(r.x, r.y, r.w, r.h);
  }
  ctx.fillStyle = layer.color;
  ctx.textBaseline = 'middle';
  ctx.fillText(layer.text, r.x + pad, r.y + pad + Math.round(px * 0.625));
}

function drawImage(ctx: Ctx, layer: ImageOverlay, image: ImageBitmap | undefined, out: OutputSize): void {
  if (!image) return;
  const r = imageRect(layer, { w: image.width, h: image.height }, out);
  ctx.drawImage(image, r.x, r.y, r.w, r.h);
}

function drawChat(ctx: Ctx, layer: ChatOverlay, chat: readonly OverlayChatLine[], now: number, out: OutputSize): void {
  const r = chatRect(layer, out);
  const px = Math.max(8, Math.round(layer.fontSize * out.h));
  const lineH = Math.round(px * 1.4);
  const pad = Math.round(px * 0.5);
  const room = Math.max(1, Math.floor((r.h - 2 * pad) / lineH));
  const lines = selectChatLines(chat, now, Math.min(layer.maxMessages, room));
  if (lines.length === 0) return;
  ctx.fillStyle = 'rgba(0, 0, 0, 0.5)';
  ctx.fillRect(r.x, r.y, r.w, r.h);
  ctx.textBaseline = 'middle';
  // Newest at the bottom, as chat reads.
  let y = r.y + r.h - pad - lineH * lines.length + Math.round(lineH / 2);
  for (const line of lines) {
    ctx.globalAlpha = line.alpha;
    ctx.font = font(px, 700);
    const nick = measure.fit(ctx, line.nickname, (r.w - 2 * pad) / 2);
    ctx.fillStyle = '#7cc4ff';
    ctx.fillText(nick, r.x + pad, y);
    const nickW = measure.width(ctx, `${nick} `);
    ctx.font = font(px, 400);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(measure.fit(ctx, line.text, r.w - 2 * pad - nickW), r.x + pad + nickW, y);
    y += lineH;
  }
  ctx.globalAlpha = 1;
}

/** Draws the visible layers over the composed sources, bottom first. */
export function drawOverlays(ctx: Ctx, layers: readonly OverlayLayer[], inputs: OverlayInputs, out: OutputSize): void {
  for (const layer of layers) {
    if (!layer.visible) continue;
    ctx.save();
    if (layer.kind === 'text') drawText(ctx, layer, out);
    else if (layer.kind === 'image') drawImage(ctx, layer, inputs.images.get(layer.id), out);
    else drawChat(ctx, layer, inputs.chat, inputs.now, out);
    ctx.restore();
  }
}
