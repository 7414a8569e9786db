/**
 * Viewer counts per channel. Chat sockets feed it (every open channel page holds one);
 * with Redis it becomes the total across server processes.
 */
export interface ViewerCounts {
  forChannels(channelIds: readonly number[]): Promise<Map<number, number>>;
}

/** In-process counts, for the embedded single-process setup. */
export class LocalViewerCounts implements ViewerCounts {
  private readonly counts = new Map<number, number>();

  set(channelId: number, count: number): void {
    if (count > 0) this.counts.set(channelId, count);
    else this.counts.delete(channelId);
  }

  async forChannels(channelIds: readonly number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const id of channelIds) {
      const n = this.counts.get(id);
      if (n !== undefined) out.set(id, n);
    }
    return out;
  }
}
