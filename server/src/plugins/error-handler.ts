import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ErrorCode } from '@lait/shared';
import { AppError } from '../errors/app-error.js';
import { reportRequestError } from '../lib/sentry.js';

const GENERIC_4XX: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'VALIDATION_FAILED',
  415: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** Errors that mean the database (or another dependency) is unreachable: a 503 the client may retry, not a bug. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR',
  'ENOTFOUND', 'EHOSTUNREACH', 'SQLITE_BUSY', 'ER_LOCK_WAIT_TIMEOUT',
]);

export function isUnavailableError(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown }; name?: string };
  const code = typeof e?.code === 'string' ? e.code : typeof e?.driverError?.code === 'string' ? e.driverError.code : '';
  return UNAVAILABLE_CODES.has(code) || e?.name === 'CannotExecuteNotConnectedError';
}

/** The top-level body field a schema error is about (`/email` → `email`; a missing one names itself). */
function fieldOf(v: { instancePath: string; params?: Record<string, unknown> } | undefined): string | undefined {
  const top = v?.instancePath.split('/')[1];
  if (top) return top;
  const missing = v?.params?.['missingProperty'];
  return typeof missing === 'string' ? missing : undefined;
}

/** One place where every error becomes `{ statusCode, code, error, message }`; 5xx details stay in the log. */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let status: number;
    let code: ErrorCode;
    let message: string;
    let details: { field?: string; reason?: string } = {};
    if (err instanceof AppError) {
      ({ statusCode: status, code, message, details } = err);
    } else if (err.validation) {
      status = 400;
      code = 'VALIDATION_FAILED';
      message = `Invalid ${err.validationContext ?? 'request'}: ${err.validation.map((v) => `${v.instancePath || '/'} ${v.message ?? ''}`.trim()).join('; ')}`;
      const field = fieldOf(err.validation[0]);
      if (field && err.validationContext === 'body') details = { field };
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      code = GENERIC_4XX[status] ?? 'VALIDATION_FAILED';
      message = err.message;
    } else if (isUnavailableError(err)) {
      status = 503;
      code = 'SERVICE_UNAVAILABLE';
      message = 'The database is unavailable; try again shortly';
      app.metrics.dbErrors.inc({ kind: 'unavailable' });
      req.log.warn({ err }, 'dependency unavailable');
    } else {
      status = 500;
      code = 'INTERNAL';
      message = 'Something went wrong on our side';
      req.log.error({ err }, 'unhandled error');
    }
    if (status >= 500 && status !== 503) {
      req.log.error({ err, url: req.routeOptions.url }, 'request failed');
      // A 503 is a dependency being down (counted in metrics), not a bug: only other 5xx go to Sentry.
      reportRequestError(err, { method: req.method, route: req.routeOptions.url ?? 'unmatched', url: `${app.config.publicUrl}${req.url}`, headers: req.headers, requestId: req.id });
    }
    void reply.status(status).send({ statusCode: status, code, error: STATUS_TEXT[status] ?? 'Error', message, ...details });
  });
});
