import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LadderStreamStatus } from '@lait/shared';
import type { StatStream } from '../stat.js';
import { createCpuMeter } from './cpu.js';
import { probeFragment, type FragmentInfo } from './mpegts.js';
import { parseMediaPlaylist, renderMaster, writeAtomic, type MediaPlaylist, type Variant } from './playlist.js';
import { createRungAligner, type RungAligner } from './rung-aligner.js';
import type { RungPlan } from './rungs.js';
import { startTranscoder, type Transcoder, type TranscoderExitEvent } from './transcoder.js';

export type LadderState = LadderStreamStatus['state'];

export interface StreamLadderOptions {
  /** The playbackId: the stream's name in the `hls` application and its folder. */
  name: string;
  hlsDir: string;
  /** What nginx's stat page says about the source. */
  source: StatStream;
  onTranscoderExit?: (name: string, event: TranscoderExitEvent) => void;
}

export interface TranscodeOptions {
  rungs: readonly RungPlan[];
  ffmpegPath: string;
  encoder: string;
  /** `rtmp://127.0.0.1:<port>/hls` */
  rtmpBase: string;
}

interface Bandwidth {
  peak: number;
  average: number;
}

/** Peak and average bits per second of a set of fragments; null before the first. */
function measure(fragments: ReadonlyArray<{ bytes: number; duration: number }>): Bandwidth | null {
  const usable = fragments.filter((f) => f.duration > 0);
  if (usable.length === 0) return null;
  const bits = usable.reduce((sum, f) => sum + f.bytes * 8, 0);
  const seconds = usable.reduce((sum, f) => sum + f.duration, 0);
  return { peak: Math.max(...usable.map((f) => (f.bytes * 8) / f.duration)), average: bits / seconds };
}

function audioCodec(source: StatStream): string[] {
  if (!source.audio) return [];
  return [source.audio.codec.toUpperCase() === 'MP3' ? 'mp4a.40.34' : 'mp4a.40.2'];
}

/**
 * One stream on this node: keeps `master.m3u8` current (always, laddered or not) and, while
 * transcoding, its ffmpeg and one aligner per rung.
 */
export function createStreamLadder(options: StreamLadderOptions) {
  const { name, source } = options;
  const streamDir = join(options.hlsDir, name);
  const fragments = new Map<string, FragmentInfo>();
  const cpu = createCpuMeter();
  let state: LadderState = 'starting';
  let transcoder: Transcoder | null = null;
  let aligners: RungAligner[] = [];
  let plannedRungs: readonly RungPlan[] = [];
  let lastMaster: string | null = null;
  let lastSource: MediaPlaylist | null = null;

  async function readSource(): Promise<MediaPlaylist | null> {
    const text = await readFile(join(streamDir, 'index.m3u8'), 'utf8').catch(() => null);
    const playlist = text === null ? null : parseMediaPlaylist(text);
    if (!playlist) return null;
    const listed = new Set(playlist.entries.map((e) => e.uri));
    for (const uri of fragments.keys()) if (!listed.has(uri)) fragments.delete(uri);
    for (const entry of playlist.entries) {
      if (fragments.has(entry.uri)) continue;
      const info = await probeFragment(join(streamDir, entry.uri));
      if (info) fragments.set(entry.uri, info);
    }
    return playlist;
  }

  function sourceVariant(playlist: MediaPlaylist): Variant {
    const measured = measure(playlist.entries.flatMap((e) => {
      const info = fragments.get(e.uri);
      return info ? [{ bytes: info.bytes, duration: e.duration }] : [];
    }));
    // Before the first fragment: nginx's own input rate, else a typical 720p30 stream.
    const estimate = source.bwInKbps > 0 ? source.bwInKbps * 1000 : 3_000_000;
    // Before the first fragment's SPS: High 3.1, what OBS's x264 sends at 720p.
    const codec = [...fragments.values()].find((f) => f.videoCodec)?.videoCodec ?? ((source.video?.height ?? 0) > 0 ? 'avc1.64001F' : null);
    return {
      uri: 'index.m3u8',
      bandwidth: measured?.peak ?? estimate * 1.2,
      averageBandwidth: measured?.average ?? estimate,
      width: source.video?.width ?? 0,
      height: source.video?.height ?? 0,
      codecs: [...(codec ? [codec] : []), ...audioCodec(source)],
      fps: source.video?.frameRate ?? 0,
    };
  }

  function rungVariant(aligner: RungAligner, playlist: MediaPlaylist): Variant | null {
    const measured = measure(aligner.fragments(playlist));
    if (!aligner.live() || !measured) return null;
    const { rung } = aligner;
    return {
      uri: `${rung.name}/index.m3u8`,
      bandwidth: measured.peak,
      averageBandwidth: measured.average,
      width: rung.width,
      height: rung.height,
      codecs: [aligner.videoCodec() ?? 'avc1.64001F', ...audioCodec(source)],
      fps: rung.fps,
    };
  }

  async function writeMaster(playlist: MediaPlaylist): Promise<void> {
    const rungs = aligners.flatMap((a) => rungVariant(a, playlist) ?? []);
    const text = renderMaster([sourceVariant(playlist), ...rungs]);
    if (text === lastMaster) return;
    await writeAtomic(join(streamDir, 'master.m3u8'), text);
    lastMaster = text;
  }

  async function forgetDeadRuns(): Promise<void> {
    if (!transcoder) return;
    const runs = transcoder.runs();
    for (const run of runs.slice(0, -1)) {
      for (const aligner of aligners) aligner.dropRun(run);
      await transcoder.forget(run);
    }
  }

  return {
    name,
    source,
    state: () => state,
    setState(next: Exclude<LadderState, 'transcoding'>): void {
      state = next;
    },
    startTranscoding(transcode: TranscodeOptions): void {
      if (transcoder) return;
      state = 'transcoding';
      plannedRungs = transcode.rungs;
      aligners = transcode.rungs.map((rung) => createRungAligner(rung, streamDir));
      transcoder = startTranscoder({
        ffmpegPath: transcode.ffmpegPath,
        encoder: transcode.encoder,
        input: `${transcode.rtmpBase}/${name}`,
        sourceFps: source.video?.frameRate ?? 30,
        rungs: transcode.rungs,
        hasAudio: source.audio !== null,
        // Under hlsDir (same filesystem, so the aligner renames), in a dot folder nginx does not serve.
        workDir: join(options.hlsDir, '.ladder', name),
        onExit: (event) => options.onTranscoderExit?.(name, event),
      });
    },
    /** One pass: probe new source fragments, align rung segments, rewrite rung playlists and the master. */
    async tick(): Promise<void> {
      const playlist = await readSource();
      if (!playlist) return;
      lastSource = playlist;
      if (transcoder) {
        const runs = transcoder.runs();
        for (const aligner of aligners) await aligner.update(playlist, fragments, runs);
        await forgetDeadRuns();
        await cpu.sample(transcoder.pid());
      }
      await writeMaster(playlist);
    },
    status(): LadderStreamStatus {
      return {
        name,
        state,
        cpuCores: transcoder ? cpu.cores() : null,
        rungs: plannedRungs.map((rung) => {
          const aligner = aligners.find((a) => a.rung.name === rung.name);
          const measured = aligner && lastSource ? measure(aligner.fragments(lastSource)) : null;
          return {
            name: rung.name,
            width: rung.width,
            height: rung.height,
            fps: rung.fps,
            bitrateKbps: measured ? Math.round(measured.average / 1000) : null,
            live: aligner?.live() ?? false,
            speed: transcoder?.speed() ?? null,
            restarts: transcoder?.restarts() ?? 0,
          };
        }),
      };
    },
    transcoderPid: () => transcoder?.pid() ?? null,
    killNow: () => transcoder?.killNow(),
    /** Publish done: stop ffmpeg and remove what the ladder wrote (nginx removes its own files). */
    async stop(): Promise<void> {
      await transcoder?.stop();
      transcoder = null;
      for (const aligner of aligners) await aligner.remove();
      await rm(join(streamDir, 'master.m3u8'), { force: true });
      await rm(join(options.hlsDir, '.ladder', name), { recursive: true, force: true });
    },
  };
}

export type StreamLadder = ReturnType<typeof createStreamLadder>;
