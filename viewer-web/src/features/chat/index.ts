export { ChatPanel } from './ChatPanel';
export { ChatSocketContext, createChatSocket, type ChatSocketFactory } from './chat-socket';
export type { ChatSocket } from '@lait/shared/chat-client';
export { useChat, type UseChat } from './use-chat';
