import { execFile } from 'node:child_process';

/**
 * Joins MPEG-TS fragments into one MP4 without re-encoding (`-c copy`): the cut falls on fragment
 * boundaries, which are keyframes. ADTS AAC needs its bitstream filter to go into MP4.
 */
export function remuxToMp4(ffmpegPath: string, fragments: readonly string[], out: string): Promise<void> {
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-i', `concat:${fragments.join('|')}`, '-c', 'copy', '-bsf:a', 'aac_adtstoasc', '-movflags', '+faststart', out];
  return new Promise((resolve, reject) => {
    execFile(ffmpegPath, args, { timeout: 60_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`ffmpeg exited with ${err.code ?? 'a signal'}: ${String(stderr).slice(-500)}`));
      else resolve();
    });
  });
}

/** The clip's first frame as a JPEG (the share page's og:image). */
export function extractPoster(ffmpegPath: string, mp4: string, out: string): Promise<void> {
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-i', mp4, '-frames:v', '1', '-q:v', '4', out];
  return new Promise((resolve, reject) => {
    execFile(ffmpegPath, args, { timeout: 30_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`ffmpeg exited with ${err.code ?? 'a signal'}: ${String(stderr).slice(-500)}`));
      else resolve();
    });
  });
}
