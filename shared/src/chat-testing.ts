/** Test support for chat clients: a fake Socket.IO socket that plays the server. Not for app code. */
export * from './chat/fake-chat-socket.js';
