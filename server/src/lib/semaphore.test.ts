import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore.js';

describe('Semaphore', () => {
  it('lets `max` in, queues `maxWaiting`, refuses the rest at once, and hands a slot over on release', async () => {
    const s = new Semaphore(2, 1);
    const a = await s.acquire();
    const b = await s.acquire();
    const queued = s.acquire();
    expect(await s.acquire()).toBeNull();
    a!();
    a!(); // a second release of the same slot is a no-op
    const c = await queued;
    expect(c).not.toBeNull();
    expect(s.inUse).toBe(2);
    b!();
    c!();
    expect(s.inUse).toBe(0);
  });
});
