import { EventEmitter } from 'node:events';

export interface LiveEventMap {
  /** A channel went live (publish authorised). */
  'channel:live': [{ channelId: number; slug: string; playbackId: string; sessionId: number; node: string | null }];
  /** The publisher dropped; the broadcast waits for it (be right back). */
  'channel:reconnecting': [{ channelId: number; slug: string; sessionId: number | null }];
  /** A republish within the grace: the same session carries on, on `node` (which may differ from before). */
  'channel:resumed': [{ channelId: number; slug: string; playbackId: string; sessionId: number | null; node: string | null }];
  /** A channel went offline, with why. */
  'channel:offline': [{ channelId: number; slug: string; reason: string; sessionId: number | null }];
  /** Title, category or another public field changed. */
  'channel:updated': [{ channelId: number }];
}

/** In-process notifications about live state; owned by the app and closed with it. */
export class LiveEvents extends EventEmitter<LiveEventMap> {}
