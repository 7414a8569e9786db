import type { Config } from '../../config.js';
import { OAuthFailedError } from './auth.errors.js';
import type { KakaoProfile } from './auth.service.js';

/**
 * Kakao Login over OAuth 2.0 (authorization code with PKCE). Endpoints come from configuration so
 * tests run the flow against a local stand-in that speaks the same protocol.
 * @see https://developers.kakao.com/docs/latest/en/kakaologin/rest-api
 */
export class KakaoClient {
  constructor(private readonly cfg: Config['kakao']) {}

  get configured(): boolean {
    return Boolean(this.cfg.clientId);
  }

  authorizeUrl(params: { redirectUri: string; state: string; codeChallenge: string }): string {
    const url = new URL(this.cfg.authUrl);
    url.searchParams.set('client_id', this.cfg.clientId ?? '');
    url.searchParams.set('redirect_uri', params.redirectUri);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('state', params.state);
    url.searchParams.set('code_challenge', params.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
    return url.toString();
  }

  async exchangeCode(params: { code: string; redirectUri: string; codeVerifier: string }): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: this.cfg.clientId ?? '',
      redirect_uri: params.redirectUri,
      code: params.code,
      code_verifier: params.codeVerifier,
    });
    if (this.cfg.clientSecret) body.set('client_secret', this.cfg.clientSecret);
    const res = await this.call(this.cfg.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body });
    const json = (await res.json().catch(() => ({}))) as { access_token?: string; error?: string; error_description?: string };
    if (!res.ok || !json.access_token) throw new OAuthFailedError(`Kakao refused the login (${json.error ?? res.status}${json.error_description ? `: ${json.error_description}` : ''})`, 400);
    return json.access_token;
  }

  async profile(accessToken: string): Promise<KakaoProfile> {
    const res = await this.call(`${this.cfg.apiUrl}/v2/user/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!res.ok) throw new OAuthFailedError(`Kakao did not return the profile (${res.status})`);
    const me = (await res.json()) as {
      id?: number | string;
      kakao_account?: { email?: string; is_email_valid?: boolean; is_email_verified?: boolean; profile?: { nickname?: string } };
      properties?: { nickname?: string };
    };
    if (me.id === undefined) throw new OAuthFailedError('Kakao profile has no id');
    const acct = me.kakao_account ?? {};
    return {
      id: String(me.id),
      nickname: acct.profile?.nickname ?? me.properties?.nickname ?? null,
      verifiedEmail: acct.email && acct.is_email_valid && acct.is_email_verified ? acct.email.toLowerCase() : null,
    };
  }

  private async call(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(8000) });
    } catch (err) {
      throw new OAuthFailedError(`Kakao is unreachable (${(err as Error).message})`, 503);
    }
  }
}
