/*
 * The picture carries its own capture time: 48 big black-or-white blocks (40 bits of the epoch
 * in ms, 8 bits of checksum). Blocks of 64 px survive x264 at any sane bitrate and can be read
 * back from a frame scaled down 8 times.
 */
export const WIDTH = 1280;
export const HEIGHT = 720;
export const BLOCK = 64;
export const COLS = 12;
export const ROWS = 4;
export const ORIGIN_X = 64;
export const ORIGIN_Y = 64;
const BITS = COLS * ROWS;

export function encodeBits(ms: number): number[] {
  const bits: number[] = [];
  let value = BigInt(Math.floor(ms)) & ((1n << 40n) - 1n);
  let sum = 0;
  const bytes: number[] = [];
  for (let i = 0; i < 5; i++) {
    bytes.push(Number(value & 0xffn));
    value >>= 8n;
  }
  for (const b of bytes) sum = (sum + b) & 0xff;
  for (const b of [...bytes, sum]) for (let i = 0; i < 8; i++) bits.push((b >> i) & 1);
  return bits.slice(0, BITS);
}

/** Fills a gray8 frame: moving bar for some motion, then the timestamp blocks. */
export function drawFrame(frame: Buffer, ms: number, index: number): void {
  frame.fill(48);
  const barX = (index * 8) % WIDTH;
  for (let y = 400; y < HEIGHT; y++) frame.fill(160, y * WIDTH + barX, y * WIDTH + Math.min(WIDTH, barX + 80));
  const bits = encodeBits(ms);
  for (let i = 0; i < BITS; i++) {
    const col = i % COLS;
    const row = Math.floor(i / COLS);
    const value = bits[i] ? 255 : 0;
    const x0 = ORIGIN_X + col * BLOCK;
    for (let y = ORIGIN_Y + row * BLOCK; y < ORIGIN_Y + (row + 1) * BLOCK; y++) frame.fill(value, y * WIDTH + x0, y * WIDTH + x0 + BLOCK);
  }
}
