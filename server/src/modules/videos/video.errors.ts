import { AppError, NotFoundError } from '../../errors/app-error.js';

export class VideoNotFoundError extends NotFoundError {
  constructor() {
    super('VIDEO_NOT_FOUND', 'No such video');
  }
}

export class VideoForbiddenError extends AppError {
  constructor() {
    super('VIDEO_FORBIDDEN', 'Only the channel owner can change this video', 403);
  }
}
