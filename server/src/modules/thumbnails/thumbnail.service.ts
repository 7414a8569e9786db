import { spawn } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { hlsPath } from '../channels/channel.service.js';
import type { ChannelRepository } from '../channels/channel.repository.js';

export interface ThumbnailOptions {
  ffmpegPath: string;
  hlsInternalUrl: string;
  dir: string;
  intervalMs: number;
}

/**
 * Takes a still of every live channel from its own HLS (so it shows what viewers see) every
 * interval. The last one stays when the channel goes offline and serves as its offline image.
 */
export class ThumbnailService {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly channels: ChannelRepository,
    private readonly opts: ThumbnailOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    mkdirSync(opts.dir, { recursive: true });
  }

  start(): void {
    this.timer = setInterval(() => void this.captureAll(), this.opts.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  fileFor(playbackId: string): string {
    return path.join(this.opts.dir, `${playbackId}.jpg`);
  }

  async captureAll(): Promise<void> {
    const live = await this.channels.listLive(500).catch(() => []);
    for (const channel of live) {
      if (await this.capture(channel.playbackId, channel.liveNode)) await this.channels.setThumbnail(channel.id, new Date()).catch(() => {});
    }
  }

  /** One still from the live playlist; false when there is none yet (stream just started) or ffmpeg failed. */
  capture(playbackId: string, node: string | null = null): Promise<boolean> {
    if (this.inFlight.has(playbackId)) return Promise.resolve(false);
    this.inFlight.add(playbackId);
    const out = this.fileFor(playbackId);
    const tmp = `${out}.tmp.jpg`;
    const args = ['-hide_banner', '-loglevel', 'error', '-y', '-i', `${this.opts.hlsInternalUrl}/${hlsPath({ playbackId, liveNode: node })}/index.m3u8`, '-frames:v', '1', '-vf', 'scale=480:-2', '-q:v', '5', tmp];
    return new Promise<boolean>((resolve) => {
      const proc = spawn(this.opts.ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      proc.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-500)));
      const kill = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      const done = (ok: boolean) => {
        clearTimeout(kill);
        this.inFlight.delete(playbackId);
        resolve(ok);
      };
      proc.on('error', (err) => {
        this.log.warn({ err: err.message }, 'thumbnail: cannot run ffmpeg');
        done(false);
      });
      proc.on('exit', (code) => {
        if (code !== 0) {
          rmSync(tmp, { force: true });
          if (!stderr.includes('404')) this.log.debug({ playbackId, code, stderr }, 'thumbnail capture failed');
          return done(false);
        }
        renameSync(tmp, out);
        done(true);
      });
    });
  }
}
