import type { ErrorCode } from '@lait/shared';

/** An error meant for the client: its code and message are safe to show. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly statusCode: number,
    /** Which request field it is about and why, for forms (see ApiError). */
    readonly details: { field?: string; reason?: string } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(code: ErrorCode = 'NOT_FOUND', message = 'Not found') {
    super(code, message, 404);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message = 'A service Lait depends on is unavailable; try again shortly') {
    super('SERVICE_UNAVAILABLE', message, 503);
  }
}
