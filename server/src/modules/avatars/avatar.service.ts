import { spawn } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors/app-error.js';
import { avatarUrl, type UserRepository } from '../users/user.repository.js';

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
export const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
const AVATAR_SIZE = 256;

export class AvatarInvalidError extends AppError {
  constructor() {
    super('AVATAR_INVALID', 'The avatar must be a JPEG, PNG or WebP image of at most 2 MB', 400);
  }
}

/** The file's own signature, so a renamed file of another kind is refused before ffmpeg sees it. */
function looksLikeImage(bytes: Buffer): boolean {
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const webp = bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
  return jpeg || png || webp;
}

export interface AvatarOptions {
  ffmpegPath: string;
  dir: string;
  users: Pick<UserRepository, 'setAvatar'>;
  /** Directory cards carry the streamer's avatar: their cache is dropped on every upload. */
  directory: { clear(): void };
}

/**
 * Avatars are stored like thumbnails: one JPEG per user under the data directory. Every upload is
 * re-encoded by ffmpeg to a 256×256 square, which also drops whatever metadata the original carried.
 */
export class AvatarService {
  constructor(private readonly opts: AvatarOptions) {
    mkdirSync(opts.dir, { recursive: true });
  }

  /** Stores the user's new avatar and answers its URL (versioned by the upload time, so caches refetch). */
  async upload(userId: number, bytes: Buffer): Promise<string> {
    await this.store(userId, bytes);
    const at = new Date();
    await this.opts.users.setAvatar(userId, at);
    this.opts.directory.clear();
    return avatarUrl(userId, at)!;
  }

  fileFor(userId: number): string {
    return path.join(this.opts.dir, `${userId}.jpg`);
  }

  async store(userId: number, bytes: Buffer): Promise<void> {
    if (bytes.length === 0 || bytes.length > AVATAR_MAX_BYTES || !looksLikeImage(bytes)) throw new AvatarInvalidError();
    const out = this.fileFor(userId);
    const tmp = `${out}.tmp.jpg`;
    const scale = `scale=${AVATAR_SIZE}:${AVATAR_SIZE}:force_original_aspect_ratio=increase,crop=${AVATAR_SIZE}:${AVATAR_SIZE}`;
    const args = ['-hide_banner', '-loglevel', 'error', '-y', '-i', 'pipe:0', '-frames:v', '1', '-vf', scale, '-q:v', '4', '-map_metadata', '-1', tmp];
    const ok = await new Promise<boolean>((resolve) => {
      const proc = spawn(this.opts.ffmpegPath, args, { stdio: ['pipe', 'ignore', 'ignore'] });
      const kill = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      proc.on('error', () => resolve(false));
      proc.on('exit', (code) => {
        clearTimeout(kill);
        resolve(code === 0);
      });
      proc.stdin.on('error', () => undefined);
      proc.stdin.end(bytes);
    });
    if (!ok) {
      rmSync(tmp, { force: true });
      throw new AvatarInvalidError();
    }
    renameSync(tmp, out);
  }
}
