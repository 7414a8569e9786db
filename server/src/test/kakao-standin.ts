import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface KakaoUser {
  id: number;
  nickname: string;
  email?: string;
  emailVerified?: boolean;
}

export interface KakaoStandin {
  url: string;
  /** The account that "logs in" at the next authorize. */
  setUser(user: KakaoUser): void;
  /**
   * What the user does at authorize: `consent` and `cancel` answer at once (redirect with a code,
   * or with `error=access_denied` as Kakao does when the user cancels); `page` serves a login page
   * with both buttons, for a real browser to click.
   */
  setMode(mode: 'consent' | 'cancel' | 'page'): void;
  /** Kakao's config for the Lait server. */
  env(): Record<string, string>;
  requests: string[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The consent step a real browser sees: the authorize parameters ride along in hidden fields. */
function loginPage(p: URLSearchParams, user: KakaoUser): string {
  const hidden = [...p].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('');
  return `<!doctype html><html lang="ko"><meta charset="utf-8"><title>카카오계정 로그인</title>
<form action="/oauth/authorize/decide" method="get">${hidden}
<p data-testid="kakao-account">${escapeHtml(user.nickname)}</p>
<button name="decision" value="consent" data-testid="kakao-consent">동의하고 계속하기</button>
<button name="decision" value="cancel" data-testid="kakao-cancel">취소</button>
</form></html>`;
}

/**
 * A local server speaking Kakao Login's REST protocol: the authorize redirect (auto-consent,
 * cancel, or a consent page), the token exchange with PKCE verification, and `/v2/user/me`. Error
 * bodies follow Kakao's `{ error, error_description, error_code }` form.
 * @see https://developers.kakao.com/docs/latest/en/kakaologin/rest-api
 */
export async function startKakaoStandin(clientId = 'test-rest-api-key'): Promise<KakaoStandin> {
  let user: KakaoUser = { id: 4_000_000_001, nickname: '카카오친구', email: 'friend@kakao.test', emailVerified: true };
  let mode: 'consent' | 'cancel' | 'page' = 'consent';
  const codes = new Map<string, { challenge: string; redirectUri: string; user: KakaoUser }>();
  const tokens = new Map<string, KakaoUser>();
  const requests: string[] = [];

  /** Kakao's redirect after the user's choice; a cancel carries `error=access_denied` (KOE error page aside). */
  const decide = (p: URLSearchParams, decision: 'consent' | 'cancel'): string => {
    const back = new URL(p.get('redirect_uri')!);
    if (decision === 'consent') {
      const code = randomBytes(16).toString('hex');
      codes.set(code, { challenge: p.get('code_challenge')!, redirectUri: p.get('redirect_uri')!, user });
      back.searchParams.set('code', code);
    } else {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'User denied access');
    }
    if (p.get('state')) back.searchParams.set('state', p.get('state')!);
    return back.toString();
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      requests.push(`${req.method} ${url.pathname}`);
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' }).end(JSON.stringify(body));
      if (req.method === 'GET' && url.pathname === '/oauth/authorize') {
        const p = url.searchParams;
        if (p.get('client_id') !== clientId || p.get('response_type') !== 'code' || !p.get('redirect_uri')) {
          return json(400, { error: 'invalid_request', error_description: 'bad authorize request', error_code: 'KOE101' });
        }
        if (p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) {
          return json(400, { error: 'invalid_request', error_description: 'code_challenge required', error_code: 'KOE010' });
        }
        if (mode === 'page') return res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' }).end(loginPage(p, user));
        return res.writeHead(302, { location: decide(p, mode) }).end();
      }
      if (req.method === 'GET' && url.pathname === '/oauth/authorize/decide') {
        return res.writeHead(302, { location: decide(url.searchParams, url.searchParams.get('decision') === 'consent' ? 'consent' : 'cancel') }).end();
      }
      if (req.method === 'POST' && url.pathname === '/oauth/token') {
        const p = new URLSearchParams(await readBody(req));
        const entry = codes.get(p.get('code') ?? '');
        if (p.get('grant_type') !== 'authorization_code' || p.get('client_id') !== clientId) {
          return json(400, { error: 'invalid_client', error_description: 'Bad client credentials', error_code: 'KOE010' });
        }
        if (!entry || entry.redirectUri !== p.get('redirect_uri')) {
          return json(400, { error: 'invalid_grant', error_description: `authorization code not found for code=${p.get('code')}`, error_code: 'KOE320' });
        }
        const verifier = p.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== entry.challenge) {
          return json(400, { error: 'invalid_grant', error_description: 'code_verifier mismatch', error_code: 'KOE303' });
        }
        codes.delete(p.get('code')!);
        const accessToken = randomBytes(24).toString('hex');
        tokens.set(accessToken, entry.user);
        return json(200, { access_token: accessToken, token_type: 'bearer', refresh_token: randomBytes(24).toString('hex'), expires_in: 21599, scope: 'profile_nickname account_email', refresh_token_expires_in: 5183999 });
      }
      if (req.method === 'GET' && url.pathname === '/v2/user/me') {
        const u = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
        if (!u) return json(401, { msg: 'this access token does not exist', code: -401 });
        return json(200, {
          id: u.id,
          connected_at: new Date().toISOString(),
          properties: { nickname: u.nickname },
          kakao_account: {
            profile_nickname_needs_agreement: false,
            profile: { nickname: u.nickname, is_default_nickname: false },
            has_email: Boolean(u.email),
            email_needs_agreement: false,
            ...(u.email ? { email: u.email, is_email_valid: true, is_email_verified: u.emailVerified ?? false } : {}),
          },
        });
      }
      json(404, { error: 'not_found' });
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    url,
    requests,
    setUser(u) {
      user = u;
    },
    setMode(m) {
      mode = m;
    },
    env: () => ({ KAKAO_CLIENT_ID: clientId, KAKAO_AUTH_URL: `${url}/oauth/authorize`, KAKAO_TOKEN_URL: `${url}/oauth/token`, KAKAO_API_URL: url }),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
