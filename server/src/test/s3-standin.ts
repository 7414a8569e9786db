import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** A real S3-protocol server (s3rver) on a free port, that can be stopped and started again on the same port and data. */
export class S3Standin {
  readonly bucket = 'lait-vods';
  readonly dir = mkdtempSync(path.join(tmpdir(), 'lait-s3-'));
  private server: S3rver | null = null;
  port = 0;

  get env(): Record<string, string> {
    return { S3_BUCKET: this.bucket, S3_ENDPOINT: `http://127.0.0.1:${this.port}`, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' };
  }

  async start(): Promise<void> {
    this.server = new S3rver({ address: '127.0.0.1', port: this.port, silent: true, directory: this.dir, configureBuckets: [{ name: this.bucket }] });
    const { port } = await this.server.run();
    this.port = port;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
