import { mkdir, open, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { probeFragment, type FragmentInfo } from './mpegts.js';
import { renderRungPlaylist, writeAtomic, type MediaPlaylist, type PlaylistEntry } from './playlist.js';
import type { RungPlan } from './rungs.js';
import type { TranscoderRun } from './transcoder.js';

interface Pending {
  file: string;
  info: FragmentInfo;
}

interface Aligned {
  sequence: number;
  bytes: number;
  duration: number;
}

/** What the aligner knows about the source's fragments (probed once each). */
export type SourceFragments = ReadonlyMap<string, FragmentInfo>;

/**
 * Takes a rung's segments as ffmpeg finishes them (its `list.csv`), finds the source fragment
 * that starts at the same PTS (within one frame) and links the segment under that fragment's
 * name in `<stream>/<rung>/`, then writes `<rung>/index.m3u8` with the source's sequence
 * numbers and durations.
 */
export function createRungAligner(rung: RungPlan, streamDir: string) {
  const dir = join(streamDir, rung.name);
  const listOffsets = new Map<number, number>();
  let pending: Pending[] = [];
  const aligned = new Map<string, Aligned>();
  let lastPlaylist: string | null = null;
  let videoCodec: string | null = null;
  const toleranceTicks = 90_000 / Math.max(rung.fps, 1);

  /** New complete lines of a run's segment list. */
  async function readList(run: TranscoderRun): Promise<string[]> {
    const path = join(run.dir(rung), 'list.csv');
    const handle = await open(path, 'r').catch(() => null);
    if (!handle) return [];
    try {
      const offset = listOffsets.get(run.id) ?? 0;
      const { size } = await handle.stat();
      if (size <= offset) return [];
      const buffer = Buffer.alloc(size - offset);
      await handle.read(buffer, 0, buffer.length, offset);
      const text = buffer.toString('utf8');
      const end = text.lastIndexOf('\n');
      if (end < 0) return [];
      listOffsets.set(run.id, offset + Buffer.byteLength(text.slice(0, end + 1)));
      return text.slice(0, end).split('\n').map((line) => line.split(',')[0] ?? '').filter((name) => /^\d+\.ts$/.test(name));
    } finally {
      await handle.close();
    }
  }

  async function collect(runs: readonly TranscoderRun[]): Promise<void> {
    for (const run of runs) {
      for (const name of await readList(run)) {
        const file = join(run.dir(rung), name);
        const info = await probeFragment(file);
        if (info?.startPts != null) pending.push({ file, info });
        else await unlink(file).catch(() => undefined);
      }
    }
  }

  function matchOf(info: FragmentInfo, source: MediaPlaylist, fragments: SourceFragments): PlaylistEntry | undefined {
    return source.entries.find((entry) => {
      const start = fragments.get(entry.uri)?.startPts;
      return start != null && Math.abs(start - (info.startPts ?? -Infinity)) <= toleranceTicks;
    });
  }

  async function place(source: MediaPlaylist, fragments: SourceFragments): Promise<void> {
    const firstStart = fragments.get(source.entries[0]?.uri ?? '')?.startPts ?? null;
    const keep: Pending[] = [];
    for (const segment of pending) {
      const entry = matchOf(segment.info, source, fragments);
      if (entry) {
        await mkdir(dir, { recursive: true });
        const target = join(dir, entry.uri);
        // Same filesystem by construction (the run folders live under hlsDir/.ladder): an atomic rename.
        await rename(segment.file, target);
        aligned.set(entry.uri, { sequence: entry.sequence, bytes: segment.info.bytes, duration: entry.duration });
        videoCodec ??= segment.info.videoCodec;
      } else if (firstStart !== null && (segment.info.startPts ?? 0) < firstStart - toleranceTicks) {
        await unlink(segment.file).catch(() => undefined); // older than anything the source still lists
      } else {
        keep.push(segment);
      }
    }
    pending = keep;
  }

  /** Deletes linked fragments one playlist window behind the source, as nginx's hls_cleanup does. */
  async function sweep(source: MediaPlaylist): Promise<void> {
    const oldest = source.mediaSequence - Math.max(source.entries.length, 1);
    for (const [uri, fragment] of aligned) {
      if (fragment.sequence >= oldest) continue;
      aligned.delete(uri);
      await unlink(join(dir, uri)).catch(() => undefined);
    }
  }

  return {
    rung,
    async update(source: MediaPlaylist, fragments: SourceFragments, runs: readonly TranscoderRun[]): Promise<void> {
      await collect(runs);
      await place(source, fragments);
      await sweep(source);
      const text = renderRungPlaylist(source, (entry) => aligned.has(entry.uri));
      if (text !== null && text !== lastPlaylist) {
        await mkdir(dir, { recursive: true });
        await writeAtomic(join(dir, 'index.m3u8'), text);
      }
      lastPlaylist = text;
    },
    /** In the master: it has aligned fragments the source still lists. */
    live: () => lastPlaylist !== null,
    videoCodec: () => videoCodec,
    /** Fragments of the current window, for bandwidth. */
    fragments(source: MediaPlaylist): Aligned[] {
      return source.entries.flatMap((entry) => {
        const fragment = aligned.get(entry.uri);
        return fragment ? [fragment] : [];
      });
    },
    /** Forgets a dead run's list position (its folder is about to go). */
    dropRun(run: TranscoderRun): void {
      listOffsets.delete(run.id);
      pending = pending.filter((segment) => !segment.file.startsWith(`${run.dir(rung)}/`));
    },
    async remove(): Promise<void> {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type RungAligner = ReturnType<typeof createRungAligner>;
