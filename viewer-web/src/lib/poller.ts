import { isAbortError } from './api-error';

export type PollResult<T> = { ok: true; data: T } | { ok: false; error: unknown };

export interface PollerOptions<T> {
  load: (signal: AbortSignal) => Promise<T>;
  onResult: (result: PollResult<T>) => void;
  /** Delay before the next load after `result`; null stops polling until `refresh()`. */
  nextDelayMs: (result: PollResult<T>) => number | null;
}

export interface Poller {
  /** Cancels any load or wait in progress and loads now. */
  refresh(): void;
  stop(): void;
}

/**
 * Loads, waits, loads again. Waits start after a load settles, so slow answers never pile up,
 * and a refresh aborts the load in flight so an older answer can never overwrite a newer one.
 */
export function createPoller<T>(options: PollerOptions<T>): Poller {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;

  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    controller?.abort();
    controller = undefined;
  };

  const run = async () => {
    cancel();
    const own = new AbortController();
    controller = own;
    let result: PollResult<T>;
    try {
      result = { ok: true, data: await options.load(own.signal) };
    } catch (error) {
      if (own.signal.aborted || isAbortError(error)) return;
      result = { ok: false, error };
    }
    if (stopped || own.signal.aborted) return;
    controller = undefined;
    options.onResult(result);
    const delay = options.nextDelayMs(result);
    if (delay !== null && !stopped) timer = setTimeout(() => void run(), delay);
  };

  void run();
  return {
    refresh: () => {
      if (!stopped) void run();
    },
    stop: () => {
      stopped = true;
      cancel();
    },
  };
}
