/**
 * The chat client, apart from the main entry: it needs `socket.io-client` (a peer dependency),
 * which the server and the tools importing `@lait/shared` do not.
 */
export * from './chat/chat-client.js';
