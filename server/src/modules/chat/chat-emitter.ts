import type { ChatMessage, ChatNotice, ChatSettings } from '@lait/shared';

/** Where the chat services send what everyone in a channel (on every process) must see. */
export interface ChatEmitter {
  messages(channelId: number, batch: ChatMessage[]): void;
  /**
   * Resolves once what was emitted so far has reached the other processes (Redis answered a PING
   * queued behind the adapter's PUBLISHes on the same connection), so a send is acknowledged only
   * when a crash of this process can no longer keep it from the others' viewers.
   */
  published?(): Promise<void>;
  deleted(channelId: number, slug: string, ids: string[]): void;
  cleared(channelId: number, slug: string): void;
  settings(channelId: number, slug: string, settings: ChatSettings): void;
  notice(channelId: number, notice: ChatNotice): void;
  /** Every process drops its cached state of the channel (bans, moderators, settings). */
  invalidate(channelId: number): void;
}

export const roomOf = (channelId: number) => `chat:${channelId}`;
