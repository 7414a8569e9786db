import { createContext } from 'react';
import { io } from 'socket.io-client';
import { CHAT_SOCKET_PATH } from '@lait/shared';
import type { ChatAuth, ChatSocket } from '@lait/shared/chat-client';

export type ChatSocketFactory = (auth: ChatAuth) => ChatSocket;

/** Socket.IO on the site's own origin; tests provide a fake through ChatSocketContext. */
export const createChatSocket: ChatSocketFactory = (auth) =>
  io({
    path: CHAT_SOCKET_PATH,
    auth,
    autoConnect: false,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });

export const ChatSocketContext = createContext<ChatSocketFactory>(createChatSocket);
