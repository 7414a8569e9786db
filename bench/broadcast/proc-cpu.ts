import { readdirSync, readFileSync } from 'node:fs';

/** Linux clock ticks per second (`getconf CLK_TCK`; 100 on every mainstream kernel). */
const CLK_TCK = 100;

interface ProcInfo {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime in clock ticks. */
  ticks: number;
}

function readProc(pid: number): ProcInfo | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = raw.indexOf('(');
    const close = raw.lastIndexOf(')');
    const rest = raw.slice(close + 2).split(' ');
    return { pid, comm: raw.slice(open + 1, close), ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}

/** Every live descendant of `root`, from /proc. */
export function descendants(root: number): ProcInfo[] {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => readProc(Number(d))).filter((p): p is ProcInfo => !!p);
  const kids = new Map<number, ProcInfo[]>();
  for (const p of all) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), p]);
  const out: ProcInfo[] = [];
  const walk = (pid: number) => (kids.get(pid) ?? []).forEach((c) => (out.push(c), walk(c.pid)));
  walk(root);
  return out;
}

/** A CPU meter over a group of processes picked by `match` (re-discovered at each read). */
export function cpuMeter(match: (p: ProcInfo) => boolean, root = process.pid) {
  const snapshot = () => new Map(descendants(root).filter(match).map((p) => [p.pid, p.ticks]));
  let start = snapshot();
  return {
    reset: () => void (start = snapshot()),
    /** Core-seconds used since the last reset (processes born since count from zero). */
    coreSeconds(): number {
      let ticks = 0;
      for (const [pid, t] of snapshot()) ticks += t - (start.get(pid) ?? 0);
      return ticks / CLK_TCK;
    },
  };
}

export const isChromium = (p: ProcInfo) => p.comm.startsWith('chrom');
export const isFfmpeg = (p: ProcInfo) => p.comm === 'ffmpeg';
