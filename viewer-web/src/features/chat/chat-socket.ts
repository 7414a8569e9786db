import { createContext } from 'react';
import { io, type Socket } from 'socket.io-client';
import { CHAT_SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '@lait/shared';

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Called by Socket.IO before every (re)connection attempt, so each handshake carries a fresh token. */
export type ChatAuth = (cb: (auth: { token?: string }) => void) => void;

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
