import type { PasswordWeakness } from '@lait/shared';
import { AppError } from '../../errors/app-error.js';

export class EmailTakenError extends AppError {
  constructor() {
    super('AUTH_EMAIL_TAKEN', 'An account with this email already exists', 409, { field: 'email' });
  }
}

export class NicknameTakenError extends AppError {
  constructor(nickname: string) {
    super('AUTH_NICKNAME_TAKEN', `The nickname "${nickname}" is taken`, 409, { field: 'nickname' });
  }
}

export class WeakPasswordError extends AppError {
  constructor(reason: PasswordWeakness, explanation: string) {
    super('AUTH_WEAK_PASSWORD', `Password too weak: ${explanation}`, 400, { field: 'password', reason });
  }
}

export class InvalidCredentialsError extends AppError {
  constructor() {
    super('AUTH_INVALID_CREDENTIALS', 'Wrong email or password', 401);
  }
}

export class TokenInvalidError extends AppError {
  constructor(message = 'Sign in again') {
    super('AUTH_TOKEN_INVALID', message, 401);
  }
}

export class TokenExpiredError extends AppError {
  constructor() {
    super('AUTH_TOKEN_EXPIRED', 'The access token expired; refresh it', 401);
  }
}

export class RefreshReusedError extends AppError {
  constructor() {
    super('AUTH_REFRESH_REUSED', 'This session was signed out because its refresh token was used twice', 401);
  }
}

export class OAuthStateError extends AppError {
  constructor() {
    super('AUTH_OAUTH_STATE_MISMATCH', 'The login request expired or did not start here; try again', 400);
  }
}

export class OAuthFailedError extends AppError {
  constructor(message: string, status = 502) {
    super('AUTH_OAUTH_FAILED', message, status);
  }
}

export class DesktopCodeInvalidError extends AppError {
  constructor(reason: string) {
    super('AUTH_DESKTOP_CODE_INVALID', `This sign-in code cannot be used (${reason}); sign in again from the app`, 401);
  }
}

export class DesktopVerifierMismatchError extends AppError {
  constructor() {
    super('AUTH_DESKTOP_VERIFIER_MISMATCH', 'The code verifier does not match the challenge this sign-in started with', 400);
  }
}

export class KakaoTakenError extends AppError {
  constructor() {
    super('AUTH_KAKAO_TAKEN', 'This Kakao account already has its own Lait account; sign in with Kakao to use it', 409);
  }
}

export class KakaoAlreadyLinkedError extends AppError {
  constructor() {
    super('AUTH_KAKAO_ALREADY_LINKED', 'This account is already linked to another Kakao account', 409);
  }
}

export class AccountLockedError extends AppError {
  constructor(readonly retryAfterSec: number) {
    super('AUTH_LOCKED_OUT', `Too many failed sign-ins for this account; try again in ${retryAfterSec} s`, 429);
  }
}

export class CrossSiteRequestError extends AppError {
  constructor() {
    super('FORBIDDEN', 'Sign-in requests must come from this site', 403);
  }
}
