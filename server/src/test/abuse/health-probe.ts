/** Real HTTP latency of GET /api/health, one request after another, while something else runs. */
export interface HealthProbe {
  /** Stops probing and returns every latency in ms (a request that failed counts as its time to fail). */
  stop(): Promise<{ latencies: number[]; failures: number }>;
}

export function probeHealth(baseUrl: string, intervalMs = 20): HealthProbe {
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        if (!res.ok) failures += 1;
      } catch {
        failures += 1;
      }
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { latencies, failures };
    },
  };
}

/** Samples a number (RSS, say) until stopped and returns the highest value seen. */
export function samplePeak(read: () => number | Promise<number>, intervalMs = 50): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await read());
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}
