import { AppError, NotFoundError } from '../../errors/app-error.js';

export class ClipNotFoundError extends NotFoundError {
  constructor() {
    super('CLIP_NOT_FOUND', 'No such clip');
  }
}

/** Nothing to cut: the channel is not live and recording here, or the range is outside the video. */
export class ClipUnavailableError extends AppError {
  constructor(message: string) {
    super('CLIP_UNAVAILABLE', message, 409);
  }
}

export class ClipFailedError extends AppError {
  constructor(detail: string) {
    super('CLIP_FAILED', `The clip could not be made (${detail})`, 500);
  }
}
