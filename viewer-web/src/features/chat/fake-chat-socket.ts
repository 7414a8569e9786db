import type { ChatJoinResult, ChatMessage } from '@lait/shared';
import type { ChatSocket } from '@lait/shared/chat-client';
import { FakeChatSocket } from '@lait/shared/chat-testing';
import type { ChatSocketFactory } from './chat-socket';

export { FakeChatSocket, type Emitted } from '@lait/shared/chat-testing';

/** A factory for ChatSocketContext that keeps every socket it made. */
export function createFakeSockets() {
  const sockets: FakeChatSocket[] = [];
  const factory: ChatSocketFactory = (auth) => {
    const socket = new FakeChatSocket(auth);
    sockets.push(socket);
    return socket as unknown as ChatSocket;
  };
  return { factory, sockets, latest: () => sockets.at(-1)! };
}

export function makeMessage(id: number | string, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: String(id),
    channel: 'alpha',
    user: { id: 7, nickname: '시청자', role: 'viewer' },
    text: `메시지 ${id}`,
    createdAt: new Date(0).toISOString(),
    nonce: `nonce-${id}`,
    ...overrides,
  };
}

export function joinResult(overrides: Partial<ChatJoinResult> = {}): ChatJoinResult {
  return {
    history: [],
    hasMore: false,
    viewerCount: 3,
    settings: { slowModeSec: 0, followersOnlyMin: null, filterMode: 'mask' },
    role: 'viewer',
    restriction: null,
    ...overrides,
  };
}
