import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
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
  /**
   * When the broadcast started (ms since the epoch). nginx names fragments by the wall clock when
   * they open (`hls_fragment_naming system`), and after a republish its live playlist still lists
   * the previous broadcast's last fragments before a discontinuity: fragments named before this
   * (less half a second for clocks) belong to another broadcast and are not recorded.
   */
  notBeforeMs?: number;
}

/** How much earlier than the broadcast's start a fragment's name may be and still belong to it (clock jitter). */
const FRAGMENT_CLOCK_SLACK_MS = 500;

/** The wall-clock time a fragment named by nginx's system naming opened; null for other names. */
export function fragmentOpenedAt(uri: string): number | null {
  const m = /(?:^|\/)(\d{13})\.ts$/.exec(uri);
  return m ? Number(m[1]) : null;
}

/**
 * A ladder's rungs join the live master 1-3 s after the source (their first fragments take that
 * long): variants that appear this soon after recording started are recorded too, and every track
 * is cut to the first fragment they all have, so the VOD's variants cover the same media.
 * A rung that comes later (after a restart, or when a laddering slot frees up) is not recorded.
 */
export const LATE_VARIANT_WINDOW_MS = 20_000;

async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

/** Copies one live media playlist's fragments as they appear (no re-encode) and keeps a VOD playlist of them. */
class TrackRecorder {
  private segments: Array<MediaSegment & { sequence: number }> = [];
  private readonly seen = new Set<string>();
  private gap = false;
  /** Names files in order; never reused, even after `trimBefore`. */
  private nextFile = 0;

  constructor(private sourceUrl: string, private readonly dir: string, private readonly notBeforeMs: number | null = null) {}

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

  /** The live sequence number of the first fragment kept; null before any. */
  get firstSequence(): number | null {
    return this.segments[0]?.sequence ?? null;
  }

  /** Drops the fragments before live sequence number `sequence` (files too). */
  async trimBefore(sequence: number): Promise<void> {
    const dropped = this.segments.filter((s) => s.sequence < sequence);
    if (dropped.length === 0) return;
    this.segments = this.segments.filter((s) => s.sequence >= sequence);
    if (this.segments[0]) this.segments[0] = { ...this.segments[0], discontinuity: false };
    await Promise.all(dropped.map((s) => rm(path.join(this.dir, s.uri), { force: true })));
    await this.writePlaylist(false);
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
    for (const [index, segment] of playlist.segments.entries()) {
      if (this.seen.has(segment.uri)) continue;
      const openedAt = fragmentOpenedAt(segment.uri);
      if (this.notBeforeMs !== null && openedAt !== null && openedAt < this.notBeforeMs - FRAGMENT_CLOCK_SLACK_MS) {
        this.seen.add(segment.uri);
        continue;
      }
      const data = await fetch(new URL(segment.uri, this.sourceUrl), { signal: AbortSignal.timeout(10_000) });
      // Already swept by nginx: nothing to copy any more.
      if (!data.ok) continue;
      this.seen.add(segment.uri);
      const file = `${String(this.nextFile++).padStart(6, '0')}.ts`;
      await writeFile(path.join(this.dir, file), Buffer.from(await data.arrayBuffer()));
      this.segments.push({
        uri: file,
        durationSec: segment.durationSec,
        discontinuity: this.gap || (segment.discontinuity && this.segments.length > 0),
        sequence: playlist.mediaSequence + index,
      });
      this.gap = false;
      added = true;
    }
    if (added) await this.writePlaylist(false);
    return true;
  }

  async writePlaylist(complete: boolean): Promise<void> {
    await writeAtomically(path.join(this.dir, 'index.m3u8'), writeMediaPlaylist(this.segments.map(({ sequence: _s, ...rest }) => rest), complete));
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
  private startedAt = 0;
  /** A variant joined: cut every track to the first fragment they all have, once it has fragments. */
  private aligning = false;

  constructor(private readonly opts: RecorderOptions) {
    this.sourceUrl = opts.sourceUrl;
  }

  start(): void {
    this.startedAt = Date.now();
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
    // A variant that never delivered a fragment would be an empty level in the VOD.
    if (this.master && this.tracks.some((t) => t.durationSec === 0)) {
      await writeAtomically(path.join(this.opts.dir, 'index.m3u8'), writeMasterPlaylist(this.master.filter((_, i) => (this.tracks[i]?.durationSec ?? 0) > 0)));
    }
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
      if (this.master && Date.now() - this.startedAt < LATE_VARIANT_WINDOW_MS) await this.addLateVariants();
      let found = true;
      for (const t of this.tracks) found = (await t.poll()) && found;
      this.lost = !found;
      if (this.aligning) await this.align();
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

  /** Rungs that joined the live master since the last look (see LATE_VARIANT_WINDOW_MS). */
  private async addLateVariants(): Promise<void> {
    const res = await fetch(this.sourceUrl, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) return;
    const playlist = parsePlaylist(await res.text());
    if (playlist.kind !== 'master' || !this.master) return;
    const added = playlist.variants.filter((v) => !this.variantUris.includes(v.uri));
    for (const v of added) {
      const i = this.tracks.length;
      const dir = path.join(this.opts.dir, String(i));
      await mkdir(dir, { recursive: true });
      this.tracks.push(new TrackRecorder(new URL(v.uri, this.sourceUrl).href, dir, this.opts.notBeforeMs ?? null));
      this.variantUris.push(v.uri);
      this.master.push({ attributes: v.attributes, uri: `${i}/index.m3u8` });
    }
    if (added.length === 0) return;
    this.aligning = true;
    await writeAtomically(path.join(this.opts.dir, 'index.m3u8'), writeMasterPlaylist(this.master));
  }

  /** Rungs carry the source's sequence numbers for the same media: every track starts at the same one. */
  private async align(): Promise<void> {
    const firsts = this.tracks.map((t) => t.firstSequence);
    if (firsts.some((f) => f === null)) return;
    const start = Math.max(...(firsts as number[]));
    for (const t of this.tracks) await t.trimBefore(start);
    this.aligning = false;
  }

  /** The first playlist decides the shape: one media playlist, or a master with rungs. */
  private async discover(): Promise<boolean> {
    const res = await fetch(this.sourceUrl, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) return false;
    const playlist = parsePlaylist(await res.text());
    await mkdir(this.opts.dir, { recursive: true });
    if (playlist.kind === 'media') {
      this.tracks = [new TrackRecorder(this.sourceUrl, this.opts.dir, this.opts.notBeforeMs ?? null)];
      return true;
    }
    this.master = playlist.variants.map((v, i) => ({ attributes: v.attributes, uri: `${i}/index.m3u8` }));
    this.variantUris = playlist.variants.map((v) => v.uri);
    // Variants that are already live when recording starts count as joined: align them too.
    this.aligning = playlist.variants.length > 1;
    this.tracks = await Promise.all(
      playlist.variants.map(async (v, i) => {
        const dir = path.join(this.opts.dir, String(i));
        await mkdir(dir, { recursive: true });
        return new TrackRecorder(new URL(v.uri, this.sourceUrl).href, dir, this.opts.notBeforeMs ?? null);
      }),
    );
    await writeAtomically(path.join(this.opts.dir, 'index.m3u8'), writeMasterPlaylist(this.master));
    return true;
  }
}
