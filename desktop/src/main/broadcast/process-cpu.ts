import pidusage from 'pidusage';

/**
 * CPU of one process in percent of one core since the previous sample (pidusage reads /proc on
 * Linux, ps/wmic elsewhere). Used for ffmpeg's line in the health panel.
 */
export async function sampleProcessCpu(pid: number): Promise<number> {
  const stat = await pidusage(pid);
  return Math.round(stat.cpu * 10) / 10;
}
