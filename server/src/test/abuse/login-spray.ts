import { randomBytes } from 'node:crypto';

export interface LoginSprayResult {
  sent: number;
  /** Answers by HTTP status; anything but 429 got through to a password check. */
  byStatus: Record<string, number>;
  gotThrough: number;
}

const octet = () => 1 + Math.floor(Math.random() * 254);

/**
 * Issue 9, Medium #3: POST /api/auth/login with random emails, each with a made-up
 * X-Forwarded-For, `concurrency` at a time, for `durationMs`.
 */
export async function loginSpray(o: { url: string; concurrency: number; durationMs: number }): Promise<LoginSprayResult> {
  const result: LoginSprayResult = { sent: 0, byStatus: {}, gotThrough: 0 };
  const deadline = Date.now() + o.durationMs;
  const worker = async () => {
    while (Date.now() < deadline) {
      result.sent += 1;
      let status = 'error';
      try {
        const res = await fetch(`${o.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `${octet()}.${octet()}.${octet()}.${octet()}` },
          body: JSON.stringify({ email: `${randomBytes(6).toString('hex')}@spray.test`, password: 'not-the-password-1' }),
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        status = String(res.status);
      } catch {
        // counted as 'error'
      }
      result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
      if (status !== '429' && status !== 'error') result.gotThrough += 1;
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return result;
}
