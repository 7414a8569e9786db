export * from './messages.js';
export * from './events.js';
export * from './chat-ids.js';
export * from './nickname-color.js';
