/**
 * At most `max` holders at once and at most `maxWaiting` in line; past that, `acquire` answers
 * null at once so the caller can refuse instead of piling up work (and memory) it cannot do.
 */
export class Semaphore {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly max: number,
    private readonly maxWaiting: number,
  ) {}

  /** Resolves with the release function, or null when the line is full. */
  acquire(): Promise<(() => void) | null> {
    if (this.held < this.max) {
      this.held += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.push(() => resolve(this.releaser())));
  }

  get inUse(): number {
    return this.held;
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.held -= 1;
    };
  }
}
