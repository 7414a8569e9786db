import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccountStatus, DesktopLoginError } from '@lait/shared';
import { AccountError } from './account-errors.js';
import { callbackPage } from './kakao-loopback-page.js';

/** How long the browser has to come back before the app gives up (the user may be typing a password). */
export const KAKAO_SIGN_IN_TIMEOUT_MS = 180_000;

export interface KakaoSignInOptions {
  /** The Lait server the session will belong to (read when a sign-in starts). */
  serverUrl(): string;
  /** Opens the system browser: Electron's `shell.openExternal`; tests and headless mode pass their own. */
  openExternal(url: string): Promise<void> | void;
  /** Trades the loopback's one-time code + verifier for a session, stored like an email login. */
  exchange(code: string, verifier: string): Promise<AccountStatus>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** What the server's `error=` on the loopback means to the user. */
const LOOPBACK_ERRORS: Record<DesktopLoginError, () => AccountError> = {
  access_denied: () => new AccountError('AUTH_KAKAO_CANCELLED', 'Kakao sign-in was cancelled in the browser'),
  kakao_failed: () => new AccountError('AUTH_OAUTH_FAILED', 'Kakao refused the sign-in'),
  state_mismatch: () => new AccountError('AUTH_OAUTH_STATE_MISMATCH', 'The Kakao sign-in expired or did not start here; try again'),
  unavailable: () => new AccountError('AUTH_KAKAO_UNAVAILABLE', 'Kakao sign-in is not configured on this Lait server'),
  server_error: () => new AccountError('SERVICE_UNAVAILABLE', 'The Lait server could not finish the Kakao sign-in'),
};

function loopbackError(value: string): AccountError {
  const make = (LOOPBACK_ERRORS as Record<string, (() => AccountError) | undefined>)[value];
  return make ? make() : new AccountError('AUTH_OAUTH_FAILED', `Kakao sign-in failed (${value.slice(0, 64)})`);
}

function answer(res: ServerResponse, status: number, ok: boolean): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    // The listener closes right after: no keep-alive socket should hold it open.
    connection: 'close',
  });
  res.end(callbackPage(ok));
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // The IPv4 loopback literal, on a port the OS picks (RFC 8252 §7.3, §8.3).
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return server;
}

/** Fails fast when the server is down, instead of leaving the user with a dead browser tab for 3 minutes. */
async function ensureReachable(serverUrl: string, doFetch: typeof fetch): Promise<void> {
  try {
    await doFetch(`${serverUrl}/api/health`, { signal: AbortSignal.timeout(8000) });
  } catch {
    throw new AccountError('SERVICE_UNAVAILABLE', `Lait server ${serverUrl} unreachable`);
  }
}

/**
 * Kakao sign-in for the desktop app through the system browser and a loopback redirect
 * (RFC 8252): a one-shot listener on 127.0.0.1, PKCE (RFC 7636) so the code is useless to anyone
 * without the verifier, and `state` so only the redirect of this attempt is accepted. The browser
 * never holds the app's session.
 * @see https://www.rfc-editor.org/rfc/rfc8252#section-7.3
 */
export function createKakaoSignIn(opts: KakaoSignInOptions) {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? KAKAO_SIGN_IN_TIMEOUT_MS;
  let abortCurrent: ((err: AccountError) => void) | null = null;

  async function openBrowser(url: string): Promise<void> {
    try {
      await opts.openExternal(url);
    } catch (err) {
      throw new AccountError('SERVICE_UNAVAILABLE', `Could not open the browser (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  async function signIn(): Promise<AccountStatus> {
    abortCurrent?.(new AccountError('AUTH_SIGNIN_CANCELLED', 'A new sign-in started'));
    const serverUrl = opts.serverUrl().replace(/\/+$/, '');
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const state = randomBytes(24).toString('base64url');

    let settle!: { resolve(s: AccountStatus): void; reject(e: AccountError): void };
    const outcome = new Promise<AccountStatus>((resolve, reject) => (settle = { resolve, reject }));
    // Awaited below unless the start fails first; then a late rejection must not go unhandled.
    outcome.catch(() => undefined);
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      fn();
    };
    const abortThis = (err: AccountError) => finish(() => settle.reject(err));
    abortCurrent = abortThis;

    const server = await listen((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method !== 'GET' || url.pathname !== '/callback') {
        res.writeHead(404, { connection: 'close' }).end();
        return;
      }
      // Anything without this attempt's state (a stale tab, a drive-by page) is refused; the wait goes on.
      if (done || url.searchParams.get('state') !== state) return answer(res, 400, false);
      const error = url.searchParams.get('error');
      const code = url.searchParams.get('code');
      if (error || !code) {
        answer(res, 400, false);
        return finish(() => settle.reject(loopbackError(error ?? 'kakao_failed')));
      }
      done = true;
      opts.exchange(code, verifier).then(
        (status) => {
          answer(res, 200, true);
          settle.resolve(status);
        },
        (err: unknown) => {
          answer(res, 400, false);
          settle.reject(err as AccountError);
        },
      );
    });
    const timer = setTimeout(() => finish(() => settle.reject(new AccountError('AUTH_SIGNIN_TIMED_OUT', 'Kakao sign-in took longer than 3 minutes'))), timeoutMs);
    try {
      await ensureReachable(serverUrl, doFetch);
      const { port } = server.address() as AddressInfo;
      const start = new URL(`${serverUrl}/api/auth/kakao/desktop`);
      start.search = new URLSearchParams({ port: String(port), state, challenge }).toString();
      if (!done) await openBrowser(start.toString());
      return await outcome;
    } finally {
      finish(() => undefined);
      clearTimeout(timer);
      if (abortCurrent === abortThis) abortCurrent = null;
      server.close();
      server.closeIdleConnections();
    }
  }

  return {
    signIn,
    /** Stops a waiting sign-in (it answers AUTH_SIGNIN_CANCELLED); false when none was waiting. */
    cancel(): boolean {
      if (!abortCurrent) return false;
      abortCurrent(new AccountError('AUTH_SIGNIN_CANCELLED', 'Kakao sign-in was cancelled'));
      return true;
    },
  };
}

/** The Kakao sign-in, see {@link createKakaoSignIn}. */
export type KakaoSignIn = ReturnType<typeof createKakaoSignIn>;
