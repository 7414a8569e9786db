import { ERROR_CODES, type Ack, type ErrorCode } from '@lait/shared';

/** A failure talking to the Lait server, with a code the renderer can explain. */
export class AccountError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'AccountError';
  }
}

/** Turn an AccountError into an error Ack; anything else is rethrown (the registry makes it INTERNAL). */
export function toAck<T>(err: unknown): Ack<T> {
  if (err instanceof AccountError) return { ok: false, error: { code: err.code, message: err.message } };
  throw err;
}

/** Run `fn` and answer its result, or the AccountError it threw, as an Ack. */
export async function ackOf<T>(fn: () => Promise<T>): Promise<Ack<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    return toAck(err);
  }
}

/** Map a REST error answer to an AccountError, keeping the server's code when it is one of ours. */
export function fromHttp(status: number, body: unknown): AccountError {
  const b = (typeof body === 'object' && body ? body : {}) as { code?: unknown; message?: unknown };
  const message = typeof b.message === 'string' ? b.message : `HTTP ${status}`;
  if (typeof b.code === 'string' && (ERROR_CODES as readonly string[]).includes(b.code)) {
    return new AccountError(b.code as ErrorCode, message);
  }
  if (status === 401) return new AccountError('UNAUTHORIZED', message);
  if (status === 429) return new AccountError('RATE_LIMITED', message);
  if (status >= 500) return new AccountError('SERVICE_UNAVAILABLE', message);
  return new AccountError('VALIDATION_FAILED', message);
}
