import type { AccountClient, PublishCredentials } from './account-client.js';

/** A token closer than this to its expiry is not used for a new connect. */
const EXPIRY_MARGIN_MS = 15_000;

/**
 * Publish tokens for one broadcast: a fresh one when going live, and on a reconnect only when
 * the previous one has expired (a running stream is not cut at expiry, but a new publish is
 * refused). A token revoked by a key rotation is deliberately not replaced: the refusal reaches
 * the streamer, who starts again.
 */
export function createPublishCredentials(account: Pick<AccountClient, 'publishToken'>, now: () => number = Date.now) {
  let current: PublishCredentials | null = null;
  return {
    async fresh(): Promise<PublishCredentials> {
      current = await account.publishToken();
      return current;
    },
    /** Credentials for a reconnect: null means keep the current ones. */
    async renew(): Promise<PublishCredentials | null> {
      if (current && current.expiresAt - now() > EXPIRY_MARGIN_MS) return null;
      current = await account.publishToken();
      return current;
    },
  };
}
