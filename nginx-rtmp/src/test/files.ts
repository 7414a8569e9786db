import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every regular file under `dir`, with its path and raw content. */
export async function readTree(dir: string): Promise<Array<{ path: string; content: Buffer }>> {
  const files: Array<{ path: string; content: Buffer }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const content = await readFile(path).catch(() => null);
    if (content) files.push({ path, content });
  }
  return files;
}
