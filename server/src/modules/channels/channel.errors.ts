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

export class ChannelSlugReservedError extends AppError {
  constructor(slug: string) {
    super('CHANNEL_SLUG_RESERVED', `"${slug}" is reserved: pick another channel address`, 400);
  }
}

/** A streamer picks their channel address once; after that it stays, so links keep working. */
export class ChannelSlugLockedError extends AppError {
  constructor() {
    super('CHANNEL_SLUG_LOCKED', 'The channel address was already chosen and cannot be changed again', 409);
  }
}

export class ChannelSlugInvalidError extends AppError {
  constructor(slug: string) {
    super('CHANNEL_SLUG_INVALID', `"${slug}" is not a valid channel name: use 3-32 of a-z, 0-9, - and _`, 400);
  }
}

export class ChannelTitleInvalidError extends AppError {
  constructor() {
    super('VALIDATION_FAILED', 'A title is 1-140 characters, not only white space, without control characters or direction overrides', 400);
  }
}
