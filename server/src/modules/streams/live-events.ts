import { EventEmitter } from 'node:events';

export interface LiveEventMap {
  /** A channel went live (publish authorised). */
  'channel:live': [{ channelId: number; slug: string; playbackId: string }];
  /** A channel went offline, with why. */
  'channel:offline': [{ channelId: number; slug: string; reason: string }];
  /** Title, category or another public field changed. */
  'channel:updated': [{ channelId: number }];
}

/** In-process notifications about live state; owned by the app and closed with it. */
export class LiveEvents extends EventEmitter<LiveEventMap> {}
