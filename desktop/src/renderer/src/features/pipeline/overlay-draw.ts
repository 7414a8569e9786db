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

function drawText(ctx: Ctx, layer: TextOverlay, out: OutputSize): void {
  if (!layer.text.trim()) return;
  const px = textFontPx(layer, out);
  ctx.font = font(px);
  const r = textRect(layer, ctx.measureText(layer.text).width, out);
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

/** Cuts `text` to fit `max` pixels with an ellipsis (one line per message, as on stream overlays). */
function fit(ctx: Ctx, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  let chars = [...text];
  while (chars.length > 1 && ctx.measureText(`${chars.join('')}…`).width > max) chars = chars.slice(0, Math.floor(chars.length * 0.9));
  return `${chars.join('')}…`;
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
    const nick = fit(ctx, line.nickname, (r.w - 2 * pad) / 2);
    ctx.fillStyle = '#7cc4ff';
    ctx.fillText(nick, r.x + pad, y);
    const nickW = ctx.measureText(`${nick} `).width;
    ctx.font = font(px, 400);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(fit(ctx, line.text, r.w - 2 * pad - nickW), r.x + pad + nickW, y);
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
