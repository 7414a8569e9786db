import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

/** Where a resolved ffmpeg came from, in order of preference. */
export type FfmpegSource = 'configured' | 'system' | 'bundled';

/** A usable ffmpeg executable. */
export interface ResolvedFfmpeg {
  path: string;
  source: FfmpegSource;
}

/** Whether `path` names an executable file. */
export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(envPath: string | undefined, platform: NodeJS.Platform): string | null {
  const name = platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
  for (const dir of (envPath ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

function findBundled(): string | null {
  try {
    // @ffmpeg-installer ships a 2018 static build: the last resort, behind any system ffmpeg.
    const req = createRequire(import.meta.url);
    const mod = req('@ffmpeg-installer/ffmpeg') as { path?: string };
    // Inside a packaged app the binary is unpacked next to app.asar.
    const path = mod.path?.replace('app.asar', 'app.asar.unpacked');
    return path && isExecutable(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * Resolve ffmpeg: a configured path wins (and is not second-guessed: if it is wrong the caller
 * reports BROADCAST_FFMPEG_MISSING), then `ffmpeg` on PATH (Debian's 5.1 here), then the
 * bundled @ffmpeg-installer binary.
 */
export function resolveFfmpeg(opts: {
  configured?: string | undefined;
  envPath?: string | undefined;
  platform?: NodeJS.Platform;
  bundled?: () => string | null;
}): ResolvedFfmpeg | null {
  if (opts.configured) {
    return isExecutable(opts.configured) ? { path: opts.configured, source: 'configured' } : null;
  }
  const system = findOnPath(opts.envPath, opts.platform ?? process.platform);
  if (system) return { path: system, source: 'system' };
  const bundled = (opts.bundled ?? findBundled)();
  return bundled ? { path: bundled, source: 'bundled' } : null;
}
