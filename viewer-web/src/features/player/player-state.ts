/** What the player container exposes as `data-state` (e2e tests read it). */
export type PlayerState = 'loading' | 'playing' | 'buffering' | 'recovering' | 'offline' | 'error';

/** Why a player gave up on its stream. */
export type EndReason = 'playlist-gone' | 'endlist' | 'network' | 'fatal' | 'unsupported';
