/// <reference lib="webworker" />
import type { FromWorker } from './pipeline-protocol';

/**
 * Muxer writes are small (a block header, a frame); they are gathered and handed to the page
 * every {@link FLUSH_MS}, so the page and main see a few writes a second instead of ~100.
 */
const FLUSH_MS = 100;
export function createChunkBatcher(epoch: number, post: (msg: FromWorker, transfer: Transferable[]) => void) {
  let parts: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (size === 0) return;
    const data = new Uint8Array(size);
    let at = 0;
    for (const p of parts) {
      data.set(p, at);
      at += p.byteLength;
    }
    parts = [];
    size = 0;
    post({ type: 'chunk', epoch, data }, [data.buffer]);
  };
  return {
    add(data: Uint8Array) {
      parts.push(data);
      size += data.byteLength;
      timer ??= setTimeout(flush, FLUSH_MS);
    },
    flush() {
      if (timer) clearTimeout(timer);
      flush();
    },
  };
}
