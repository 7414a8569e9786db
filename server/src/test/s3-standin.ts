// Other workspaces type-check this file through @lait/server/testing, without server/src/test/s3rver.d.ts in their program.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./s3rver.d.ts" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
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

  /** The keys stored under `prefix`, listed over the S3 protocol (what a reader of the bucket would see). */
  async keys(prefix: string): Promise<string[]> {
    const client = new S3Client({ region: 'us-east-1', endpoint: this.env['S3_ENDPOINT'], forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, maxAttempts: 1 });
    try {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
        out.push(...(page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out;
    } finally {
      client.destroy();
    }
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
