export { ChatPanel } from './ChatPanel';
export { ChatSocketContext, createChatSocket, type ChatSocket, type ChatSocketFactory } from './chat-socket';
export { useChat, type UseChat } from './use-chat';
