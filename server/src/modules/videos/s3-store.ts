import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export interface S3Settings {
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
}

/** Where finished VODs go when S3-compatible storage is configured. Keys look like `vods/<videoId>/<file>`. */
export interface ObjectStore {
  put(key: string, file: string, contentType: string): Promise<void>;
  /** The object's body, or null when there is no such object. */
  get(key: string): Promise<{ body: Readable; size: number | undefined } | null>;
  deletePrefix(prefix: string): Promise<void>;
  close(): void;
}

/** S3 (or MinIO, Ceph, s3rver…) with path-style addressing, which self-hosted stores need. */
export function createS3Store(s: S3Settings): ObjectStore {
  const client = new S3Client({
    region: s.region,
    forcePathStyle: true,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    ...(s.accessKeyId && s.secretAccessKey ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } } : {}),
    // The uploader retries with its own back-off and keeps the local copy meanwhile.
    maxAttempts: 1,
    // The SDK's default (checksums in an aws-chunked trailer) is not understood by many self-hosted stores,
    // which then store the chunk framing as the object's bytes (s3rver did).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    async put(key, file, contentType) {
      // Fragments are about a second of video: a buffer is signed as a whole, no streaming framing.
      const body = await readFile(file);
      await client.send(new PutObjectCommand({ Bucket: s.bucket, Key: key, Body: body, ContentLength: body.length, ContentType: contentType }), { abortSignal: AbortSignal.timeout(30_000) });
    },
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: s.bucket, Key: key }));
        return out.Body ? { body: out.Body as Readable, size: out.ContentLength } : null;
      } catch (err) {
        if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return null;
        throw err;
      }
    },
    async deletePrefix(prefix) {
      for (;;) {
        const listed = await client.send(new ListObjectsV2Command({ Bucket: s.bucket, Prefix: prefix, MaxKeys: 1000 }));
        const keys = (listed.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
        if (keys.length === 0) return;
        try {
          await client.send(new DeleteObjectsCommand({ Bucket: s.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
        } catch {
          // The batch call needs a checksum header that not every self-hosted store accepts (s3rver answers
          // InternalError), and s3rver also fails parallel deletes in one folder: one at a time then.
          for (const Key of keys) await client.send(new DeleteObjectCommand({ Bucket: s.bucket, Key }));
        }
        if (!listed.IsTruncated) return;
      }
    },
    close() {
      client.destroy();
    },
  };
}
