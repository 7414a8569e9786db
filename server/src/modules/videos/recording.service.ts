import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { ChannelRow } from '../../db/entities.js';
import type { ChannelRepository } from '../channels/channel.repository.js';
import { LIVE_PLAYLIST, hlsPath } from '../channels/channel.service.js';
import type { LiveEvents } from '../channels/live-events.js';
import type { SessionRepository } from '../streams/session.repository.js';
import { parsePlaylist, writeMediaPlaylist } from './hls-playlist.js';
import { HlsRecorder } from './hls-recorder.js';
import type { ObjectStore } from './s3-store.js';
import { VodUploader } from './vod-uploader.js';
import type { VideoRepository } from './video.repository.js';
import type { VideoRow } from './video.entities.js';

export interface RecordingOptions {
  /** `<DATA_DIR>/vods`: one folder per video, named by its public id. */
  dir: string;
  hlsInternalUrl: string;
  ffmpegPath: string;
  pollMs: number;
  /** S3-compatible storage for finished VODs; unset keeps them on local disk. */
  store?: ObjectStore | undefined;
}

/**
 * Keeps every broadcast of a channel that records as a VOD: starts a recorder when a session starts and
 * finishes it when the session ends, so a be-right-back gap stays inside one VOD. The gap itself is
 * found in the stream (nginx marks the first fragment of a republish with EXT-X-DISCONTINUITY, and a
 * playlist swept away meanwhile answers 404), not from the event, which arrives before the last
 * fragment of the dropped run is written.
 * Recorders run in the process that accepted the publish, reading the HLS from the ingest node that
 * holds the stream (and following it when a republish within the grace lands on another node).
 */
export class RecordingService {
  private readonly recorders = new Map<number, { video: VideoRow; recorder: HlsRecorder }>();
  private readonly unsubscribe: () => void;
  readonly uploader: VodUploader | null;

  constructor(
    private readonly videos: VideoRepository,
    private readonly channels: ChannelRepository,
    events: LiveEvents,
    private readonly opts: RecordingOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    this.uploader = opts.store ? new VodUploader(opts.store, videos, (id) => this.dirOf(id), log) : null;
    const onLive = (e: { channelId: number; playbackId: string; sessionId: number }) => void this.start(e).catch((err: unknown) => log.warn({ err }, 'recording: could not start'));
    const onOffline = (e: { sessionId: number | null }) => {
      if (e.sessionId !== null) void this.finish(e.sessionId).catch((err: unknown) => log.warn({ err }, 'recording: could not finish'));
    };
    events.on('channel:live', onLive);
    events.on('channel:offline', onOffline);
    this.unsubscribe = () => {
      events.off('channel:live', onLive);
      events.off('channel:offline', onOffline);
    };
  }

  /**
   * The live master playlist as the stream's node serves it (`HLS_INTERNAL_URL/<node>/<playbackId>/…`
   * in a cluster): the recorder keeps one folder per variant, so replays keep the ladder's rungs.
   */
  private sourceOf(channel: Pick<ChannelRow, 'playbackId' | 'liveNode'>): string {
    return `${this.opts.hlsInternalUrl}/${hlsPath(channel)}/${LIVE_PLAYLIST}`;
  }

  dirOf(videoId: string): string {
    return path.join(this.opts.dir, videoId);
  }

  private async start({ channelId, playbackId, sessionId }: { channelId: number; playbackId: string; sessionId: number }): Promise<void> {
    const channel = await this.channels.findById(channelId);
    if (!channel?.recordVods) return;
    const video = await this.videos.insert({ channelId, sessionId, title: channel.title, category: channel.category, startedAt: channel.liveSince ? new Date(channel.liveSince) : new Date() });
    // From the ingest node that holds the stream; a be-right-back republish may land on another one.
    const sourceUrl = this.sourceOf({ playbackId, liveNode: channel.liveNode });
    const locate = async () => {
      const now = await this.channels.findById(channelId);
      if (now?.live && now.currentSessionId === sessionId) return this.sourceOf(now);
      // Ended by another API process (a cluster's notify calls and sweeps land on any of them).
      void this.finish(sessionId).catch((err: unknown) => this.log.warn({ err }, 'recording: could not finish'));
      return null;
    };
    const recorder = new HlsRecorder({ sourceUrl, locate, dir: this.dirOf(video.id), pollMs: this.opts.pollMs, log: this.log, notBeforeMs: new Date(video.startedAt).getTime() });
    this.recorders.set(sessionId, { video, recorder });
    recorder.start();
    this.log.info({ videoId: video.id, sessionId }, 'recording started');
  }

  /** Ends the recording of a session: final playlist, thumbnail, then the VOD is listed. Empty recordings are dropped. */
  async finish(sessionId: number): Promise<VideoRow | null> {
    const entry = this.recorders.get(sessionId);
    if (!entry) return null;
    this.recorders.delete(sessionId);
    const { video, recorder } = entry;
    await recorder.finish();
    if (recorder.durationSec <= 0) {
      await this.delete(video.id);
      return null;
    }
    const files = recorder.files;
    await this.thumbnail(files[Math.floor(files.length / 2)]!, path.join(this.dirOf(video.id), 'thumb.jpg'));
    await this.videos.finish(video.id, new Date(), recorder.durationSec * 1000);
    this.log.info({ videoId: video.id, durationSec: recorder.durationSec }, 'recording ready');
    void this.uploader?.uploadPending();
    return this.videos.findById(video.id);
  }

  /** Files (local and stored objects) first, then the row: a failure leaves the video listed, to be retried. */
  async delete(videoId: string): Promise<void> {
    await rm(this.dirOf(videoId), { recursive: true, force: true });
    await this.opts.store?.deletePrefix(`vods/${videoId}/`);
    await this.videos.delete(videoId);
  }

  /** The last `seconds` of a session being recorded in this process, or null. */
  liveTail(sessionId: number, seconds: number): { files: string[]; durationSec: number } | null {
    return this.recorders.get(sessionId)?.recorder.tail(seconds) ?? null;
  }

  /** A stored VOD file, for the file route when the local copy is gone (uploaded). */
  async openStored(videoId: string, file: string) {
    return this.opts.store ? this.opts.store.get(`vods/${videoId}/${file}`) : null;
  }

  /** Deletes every ready video older than its channel's retention, files first. */
  async sweepRetention(now = new Date()): Promise<number> {
    let deleted = 0;
    for (const channelId of await this.videos.channelIdsWithVideos()) {
      const channel = await this.channels.findById(channelId);
      if (!channel) continue;
      const before = new Date(now.getTime() - channel.vodRetentionDays * 86_400_000);
      for (const video of await this.videos.listEndedBefore(channelId, before, 500)) {
        await this.delete(video.id);
        deleted++;
      }
    }
    return deleted;
  }

  /**
   * Finishes videos left `recording` by a process that stopped (restart, crash) once their session has
   * ended: what was copied until then becomes the VOD. Runs at start-up and with the retention sweep.
   */
  async finishOrphans(sessions: SessionRepository): Promise<number> {
    let finished = 0;
    for (const video of await this.videos.listRecording()) {
      if ([...this.recorders.values()].some((e) => e.video.id === video.id)) continue;
      const session = await sessions.findById(video.sessionId);
      if (session && session.endedAt === null) continue;
      const dir = this.dirOf(video.id);
      // A ladder was recorded as folders 0, 1, … (0 first: its duration is the video's).
      const rungs = (await readdir(dir).catch(() => [])).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(a) - Number(b));
      const media = existsSync(path.join(dir, 'index.m3u8')) && rungs.length === 0 ? [dir] : rungs.map((r) => path.join(dir, r));
      let durationSec = 0;
      for (const [i, folder] of media.entries()) {
        const text = await readFile(path.join(folder, 'index.m3u8'), 'utf8').catch(() => null);
        const playlist = text ? parsePlaylist(text) : null;
        if (!playlist || playlist.kind !== 'media') continue;
        await writeFile(path.join(folder, 'index.m3u8'), writeMediaPlaylist(playlist.segments, true));
        if (i === 0) durationSec = playlist.segments.reduce((sum, s) => sum + s.durationSec, 0);
      }
      if (durationSec <= 0) await this.delete(video.id);
      else await this.videos.finish(video.id, session?.endedAt ? new Date(session.endedAt) : new Date(), durationSec * 1000);
      finished++;
    }
    return finished;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.uploader?.close();
    this.opts.store?.close();
    await Promise.all([...this.recorders.values()].map((e) => e.recorder.stop()));
    this.recorders.clear();
  }

  private thumbnail(fragment: string, out: string): Promise<void> {
    const args = ['-hide_banner', '-loglevel', 'error', '-y', '-i', fragment, '-frames:v', '1', '-vf', 'scale=320:-2', out];
    return new Promise((resolve) => {
      execFile(this.opts.ffmpegPath, args, { timeout: 10_000 }, (err) => {
        if (err) this.log.debug({ err }, 'recording: no thumbnail');
        resolve();
      });
    });
  }
}
