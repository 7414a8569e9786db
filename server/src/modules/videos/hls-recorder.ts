import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { parsePlaylist, writeMasterPlaylist, writeMediaPlaylist, type MediaSegment } from './hls-playlist.js';

export interface RecorderOptions {
  /** The live playlist (media or master) as nginx serves it. */
  sourceUrl: string;
  /**
   * Where the live playlist is now, asked when it stops answering: a republish within the grace may
   * land on another ingest node. Null: unknown (keep trying the last one).
   */
  locate?: () => Promise<string | null>;
  /** Where the VOD is written: `index.m3u8`, fragments, and one folder per rung of a ladder. */
  dir: string;
  pollMs: number;
  log: FastifyBaseLogger;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

/** Copies one live media playlist's fragments as they appear (no re-encode) and keeps a VOD playlist of them. */
class TrackRecorder {
  private readonly segments: MediaSegment[] = [];
  private readonly seen = new Set<string>();
  private gap = false;

  constructor(private sourceUrl: string, private readonly dir: string) {}

  /** The stream moved to another node: its fragment names start over there, after a gap. */
  moveTo(sourceUrl: string): void {
    this.sourceUrl = sourceUrl;
    this.seen.clear();
    this.markGap();
  }

  get durationSec(): number {
    return this.segments.reduce((sum, s) => sum + s.durationSec, 0);
  }

  get files(): readonly string[] {
    return this.segments.map((s) => path.join(this.dir, s.uri));
  }

  /** The fragments that make up the last `seconds` (at least that much when there is enough). */
  tail(seconds: number): { files: string[]; durationSec: number } {
    const picked: MediaSegment[] = [];
    let total = 0;
    for (let i = this.segments.length - 1; i >= 0 && total < seconds - 0.5; i--) {
      picked.unshift(this.segments[i]!);
      total += this.segments[i]!.durationSec;
    }
    return { files: picked.map((s) => path.join(this.dir, s.uri)), durationSec: total };
  }

  /** The next fragment starts after a gap (the playlist was gone meanwhile). */
  markGap(): void {
    if (this.segments.length > 0) this.gap = true;
  }

  /** False when the playlist is gone (404). */
  async poll(): Promise<boolean> {
    const res = await fetch(this.sourceUrl, { signal: AbortSignal.timeout(5000) });
    if (res.status === 404) {
      this.markGap();
      return false;
    }
    if (!res.ok) throw new Error(`playlist answered ${res.status}`);
    const playlist = parsePlaylist(await res.text());
    if (playlist.kind !== 'media') return true;
    let added = false;
    for (const segment of playlist.segments) {
      if (this.seen.has(segment.uri)) continue;
      const data = await fetch(new URL(segment.uri, this.sourceUrl), { signal: AbortSignal.timeout(10_000) });
      // Already swept by nginx: nothing to copy any more.
      if (!data.ok) continue;
      this.seen.add(segment.uri);
      const file = `${String(this.segments.length).padStart(6, '0')}.ts`;
      await writeFile(path.join(this.dir, file), Buffer.from(await data.arrayBuffer()));
      this.segments.push({ uri: file, durationSec: segment.durationSec, discontinuity: this.gap || (segment.discontinuity && this.segments.length > 0) });
      this.gap = false;
      added = true;
    }
    if (added) await this.writePlaylist(false);
    return true;
  }

  async writePlaylist(complete: boolean): Promise<void> {
    await writeAtomically(path.join(this.dir, 'index.m3u8'), writeMediaPlaylist(this.segments, complete));
  }
}

/**
 * Records a live stream into a VOD while it runs, from nginx's HLS over HTTP, so it works for the
 * source and for every rung of a ladder (a master playlist gets one folder per variant). A copy, not
 * an encode. Survives hls_cleanup: each fragment is copied within a poll of appearing.
 */
export class HlsRecorder {
  private tracks: TrackRecorder[] = [];
  private master: Array<{ attributes: string; uri: string }> | null = null;
  /** The variants' URIs as the live master playlist names them (relative to the source). */
  private variantUris: string[] = [];
  private sourceUrl: string;
  /** The last poll found no playlist: ask `locate` where the stream is now. */
  private lost = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly opts: RecorderOptions) {
    this.sourceUrl = opts.sourceUrl;
  }

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      this.current = this.pollOnce().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.opts.pollMs);
      });
    };
    loop();
  }

  get durationSec(): number {
    return this.tracks[0]?.durationSec ?? 0;
  }

  /** The last `seconds` of the first rung (the source, or the top of a ladder). */
  tail(seconds: number): { files: string[]; durationSec: number } {
    return this.tracks[0]?.tail(seconds) ?? { files: [], durationSec: 0 };
  }

  /** Every fragment file written so far (all rungs). */
  get files(): string[] {
    return this.tracks.flatMap((t) => t.files);
  }

  /** Stops polling after a last look at the playlist, and writes the final VOD playlists. */
  async finish(finalPolls = 2): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
    for (let i = 0; i < finalPolls; i++) {
      await new Promise((r) => setTimeout(r, this.opts.pollMs));
      await this.pollOnce();
    }
    for (const t of this.tracks) await t.writePlaylist(true);
  }

  /** Stops without finishing (server shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  private async pollOnce(): Promise<void> {
    try {
      if (this.lost) await this.follow();
      this.lost = true;
      if (this.tracks.length === 0 && !(await this.discover())) return;
      let found = true;
      for (const t of this.tracks) found = (await t.poll()) && found;
      this.lost = !found;
    } catch (err) {
      this.opts.log.debug({ err }, 'recorder: poll failed, retrying');
    }
  }

  /** Follows the stream to the node it is on now, when that changed. */
  private async follow(): Promise<void> {
    const url = await this.opts.locate?.();
    if (!url || url === this.sourceUrl) return;
    this.opts.log.info('recorder: the stream moved to another ingest node, following it');
    this.sourceUrl = url;
    for (const [i, t] of this.tracks.entries()) t.moveTo(this.master ? new URL(this.variantUris[i] ?? '', url).href : url);
  }

  /** The first playlist decides the shape: one media playlist, or a master with rungs. */
  private async discover(): Promise<boolean> {
    const res = await fetch(this.sourceUrl, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) return false;
    const playlist = parsePlaylist(await res.text());
    await mkdir(this.opts.dir, { recursive: true });
    if (playlist.kind === 'media') {
      this.tracks = [new TrackRecorder(this.sourceUrl, this.opts.dir)];
      return true;
    }
    this.master = playlist.variants.map((v, i) => ({ attributes: v.attributes, uri: `${i}/index.m3u8` }));
    this.variantUris = playlist.variants.map((v) => v.uri);
    this.tracks = await Promise.all(
      playlist.variants.map(async (v, i) => {
        const dir = path.join(this.opts.dir, String(i));
        await mkdir(dir, { recursive: true });
        return new TrackRecorder(new URL(v.uri, this.sourceUrl).href, dir);
      }),
    );
    await writeAtomically(path.join(this.opts.dir, 'index.m3u8'), writeMasterPlaylist(this.master));
    return true;
  }
}
