import { createChatClient, type ChatClient } from '@lait/shared/chat-client';
import type { ChatAction } from './chat-state';
import type { ChatSocketFactory } from './chat-socket';

export interface ChatConnectionOptions {
  slug: string;
  createSocket: ChatSocketFactory;
  /** The access token for the handshake; null reads anonymously. */
  getToken: () => Promise<string | null>;
  dispatch: (action: ChatAction) => void;
  /** The last message id the page has: a re-join asks only for what came after it. */
  lastId: () => string | null;
}

/** The shared chat client, reporting into the page's reducer. */
export function createChatConnection(o: ChatConnectionOptions): ChatClient {
  const { dispatch } = o;
  return createChatClient({
    slug: o.slug,
    createSocket: o.createSocket,
    // The page's token getter refreshes an expired token by itself.
    getToken: () => o.getToken(),
    lastId: o.lastId,
    // A token the refresh cannot fix: read without one rather than not at all.
    whenAuthRefused: 'read-anonymously',
    listener: {
      status: (state) => state === 'reconnecting' && dispatch({ type: 'status', status: 'reconnecting' }),
      joined: (result) => dispatch({ type: 'joined', result }),
      messages: (messages) => dispatch({ type: 'messages', messages }),
      deleted: (p) => dispatch({ type: 'deleted', ids: p.ids }),
      cleared: () => dispatch({ type: 'cleared' }),
      viewers: (p) => dispatch({ type: 'viewers', count: p.count }),
      settings: (p) => dispatch({ type: 'settings', settings: p.settings }),
      notice: (notice) => dispatch({ type: 'notice', notice }),
    },
  });
}
