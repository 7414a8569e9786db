import type { ApiError, ErrorCode } from '@lait/shared';

/** Codes the client itself assigns when no ApiError body could be read. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

/** A failed API request: a non-2xx answer, an unreadable body or no answer at all (status 0). */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode | (string & {});
  /** The HTTP reason phrase the server sent (`error` of the ApiError body). */
  readonly reason: string;
  /** The request field the server's refusal is about, when it says (`email`, `password`, …). */
  readonly field: string | undefined;
  /** The server's word for why (for AUTH_WEAK_PASSWORD: which rule). */
  readonly why: string | undefined;

  constructor(body: ApiError, options?: { cause?: unknown }) {
    super(body.message, options);
    this.status = body.statusCode;
    this.code = body.code;
    this.reason = body.error;
    this.field = body.field;
    this.why = body.reason;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

export function isApiRequestError(err: unknown): err is ApiRequestError {
  return err instanceof ApiRequestError;
}

export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

function isApiErrorBody(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.statusCode === 'number' && typeof v.code === 'string' && typeof v.message === 'string';
}

/** Builds the error for a non-2xx response, whatever its body (a proxy may answer with HTML). */
export async function toApiRequestError(res: Response): Promise<ApiRequestError> {
  const body: unknown = await res.json().catch(() => null);
  if (isApiErrorBody(body)) {
    return new ApiRequestError({ ...body, error: typeof body.error === 'string' ? body.error : res.statusText });
  }
  return new ApiRequestError({
    statusCode: res.status,
    code: res.status === 404 ? 'NOT_FOUND' : res.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'BAD_RESPONSE',
    error: res.statusText,
    message: `HTTP ${res.status}`,
  });
}
