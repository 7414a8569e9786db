import { readFile } from 'node:fs/promises';

/** Kernel clock ticks per second; 100 on every Linux we run (getconf CLK_TCK). */
const TICKS_PER_SEC = 100;

/** utime + stime of a process, in seconds, or null when it is gone. */
export async function cpuSecondsOf(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  // Fields after the parenthesised command: state(3) ... utime(14) stime(15).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SEC;
}

/** CPU of one process in cores (1 = one core busy), from the change since the previous sample. */
export function createCpuMeter() {
  let last: { pid: number; cpu: number; at: number } | null = null;
  let cores: number | null = null;
  return {
    async sample(pid: number | null): Promise<void> {
      if (pid === null) {
        last = null;
        return;
      }
      const cpu = await cpuSecondsOf(pid);
      const at = Date.now();
      if (cpu === null) return;
      if (last && last.pid === pid && at - last.at >= 900) {
        cores = Math.round(((cpu - last.cpu) / ((at - last.at) / 1000)) * 100) / 100;
      }
      if (!last || last.pid !== pid || at - last.at >= 900) last = { pid, cpu, at };
    },
    cores: () => cores,
  };
}
