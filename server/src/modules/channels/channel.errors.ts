import { AppError, NotFoundError } from '../../errors/app-error.js';

export class ChannelNotFoundError extends NotFoundError {
  constructor(slug: string) {
    super('CHANNEL_NOT_FOUND', `No channel "${slug}"`);
  }
}

export class ChannelSlugTakenError extends AppError {
  constructor(slug: string) {
    super('CHANNEL_SLUG_TAKEN', `The channel name "${slug}" is taken`, 409);
  }
}

export class ChannelSlugInvalidError extends AppError {
  constructor(slug: string) {
    super('CHANNEL_SLUG_INVALID', `"${slug}" is not a valid channel name: use 3-32 of a-z, 0-9, - and _`, 400);
  }
}
