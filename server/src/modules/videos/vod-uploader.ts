import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { ObjectStore } from './s3-store.js';
import type { VideoRepository } from './video.repository.js';

export const VOD_CONTENT_TYPES: Record<string, string> = { '.m3u8': 'application/vnd.apple.mpegurl', '.ts': 'video/mp2t', '.jpg': 'image/jpeg' };

async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesUnder(path.join(dir, entry.name), rel)));
    else if (!entry.name.endsWith('.tmp')) out.push(rel);
  }
  return out;
}

/**
 * Moves finished VODs to object storage. Every file is retried with back-off until it is stored; the
 * local folder is deleted only after the last upload was confirmed, so an outage loses nothing.
 */
export class VodUploader {
  private closed = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: ObjectStore,
    private readonly videos: VideoRepository,
    private readonly dirOf: (videoId: string) => string,
    private readonly log: FastifyBaseLogger,
    private readonly retry = { baseMs: 500, capMs: 5000 },
  ) {}

  /** Uploads every ready video still on local disk (after a finish, and at start-up for ones a restart interrupted). */
  uploadPending(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  close(): void {
    this.closed = true;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const pending = await this.videos.listLocalReady(20);
      if (pending.length === 0 || this.closed) return;
      for (const video of pending) {
        if (this.closed) return;
        await this.upload(video.id);
      }
    }
  }

  private async upload(videoId: string): Promise<void> {
    const dir = this.dirOf(videoId);
    const files = await filesUnder(dir).catch(() => []);
    for (const file of files) {
      const stored = await this.withRetry(() => this.store.put(`vods/${videoId}/${file}`, path.join(dir, file), VOD_CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream'), `upload ${videoId}/${file}`);
      if (!stored) return;
    }
    // The row first: from here on the files are served from the store.
    await this.videos.setStorage(videoId, 's3');
    await rm(dir, { recursive: true, force: true });
    this.log.info({ videoId, files: files.length }, 'VOD uploaded to object storage');
  }

  private async withRetry(fn: () => Promise<void>, what: string): Promise<boolean> {
    for (let attempt = 1; !this.closed; attempt++) {
      try {
        await fn();
        return true;
      } catch (err) {
        const delay = Math.min(this.retry.capMs, this.retry.baseMs * 2 ** Math.min(attempt - 1, 10));
        this.log.warn({ err: (err as Error).message, attempt, retryInMs: delay }, `${what} failed; retrying`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    return false;
  }
}
