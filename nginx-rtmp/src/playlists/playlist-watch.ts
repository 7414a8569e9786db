import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { playlistState, type PlaylistState } from './delivery.js';

/** Fallback when inotify misses a rename (or the folder's watch failed): read this often. */
const POLL_MS = 100;

interface Waiter {
  ready(state: PlaylistState): boolean;
  resolve(text: string | null): void;
}

/** One playlist file that requests are waiting on: one directory watch and one poll, whatever the number of waiters. */
class Watch {
  private readonly waiters = new Set<Waiter>();
  private watcher: FSWatcher | null = null;
  private readonly poll: NodeJS.Timeout;
  private reading = false;
  private again = false;
  /** The file as last read (undefined before the first read, null when it was gone). */
  latest: string | null | undefined;

  constructor(private readonly path: string, private readonly onIdle: () => void) {
    try {
      // nginx-rtmp and the ladder write a playlist to a temporary name and rename it into place.
      this.watcher = watch(dirname(path), (_event, name) => {
        if (name === null || name === basename(path)) this.check();
      });
      this.watcher.on('error', () => this.closeWatcher());
    } catch {
      this.watcher = null;
    }
    this.poll = setInterval(() => this.check(), POLL_MS);
  }

  /** The file may have changed since the caller read it: look once now rather than at the next event. */
  add(waiter: Waiter): void {
    this.waiters.add(waiter);
    this.check();
  }

  remove(waiter: Waiter): void {
    this.waiters.delete(waiter);
    if (this.waiters.size === 0) this.close();
  }

  close(): void {
    for (const waiter of [...this.waiters]) waiter.resolve(null);
    this.waiters.clear();
    clearInterval(this.poll);
    this.closeWatcher();
    this.onIdle();
  }

  private closeWatcher(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  /** Reads the file once per burst of events; a change during a read triggers one more read. */
  private check(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    void readFile(this.path, 'utf8')
      .then((text) => {
        this.latest = text;
        // Parsed once per read, whatever the number of waiters.
        const state = playlistState(text);
        if (state) this.settle((waiter) => (waiter.ready(state) ? text : undefined));
      })
      // Gone: the stream ended and nginx cleaned up. Every waiter gets a 404.
      .catch(() => {
        this.latest = null;
        this.settle(() => null);
      })
      .finally(() => {
        this.reading = false;
        if (this.again && this.waiters.size > 0) {
          this.again = false;
          this.check();
        }
      });
  }

  private settle(answer: (waiter: Waiter) => string | null | undefined): void {
    for (const waiter of [...this.waiters]) {
      const text = answer(waiter);
      if (text === undefined) continue;
      this.remove(waiter);
      waiter.resolve(text);
    }
  }
}

/** Requests waiting for playlists to change, grouped by file. */
export class PlaylistWatches {
  private readonly watches = new Map<string, Watch>();

  /**
   * Resolves with the playlist's text once `ready(state)` holds for its parsed state, with the latest text when
   * `timeoutMs` runs out, or null when the file is gone. `signal` ends the wait (client left).
   */
  async wait(path: string, ready: (state: PlaylistState) => boolean, timeoutMs: number, signal: AbortSignal): Promise<string | null> {
    let watch = this.watches.get(path);
    if (!watch) {
      watch = new Watch(path, () => this.watches.delete(path));
      this.watches.set(path, watch);
    }
    const current = watch;
    return new Promise<string | null>((resolve) => {
      const finish = (text: string | null): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(text);
      };
      const waiter: Waiter = { ready, resolve: finish };
      const timer = setTimeout(() => {
        current.remove(waiter);
        // The watch reads the file on every change: what it read last is the file as it is.
        if (current.latest !== undefined) finish(current.latest);
        else void readFile(path, 'utf8').then(finish, () => finish(null));
      }, timeoutMs);
      const onAbort = (): void => {
        current.remove(waiter);
        finish(null);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      current.add(waiter);
    });
  }

  get size(): number {
    return this.watches.size;
  }

  close(): void {
    for (const watch of [...this.watches.values()]) watch.close();
  }
}
