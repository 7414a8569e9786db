export * from './errors/index.js';
export * from './http/index.js';
export * from './ipc/index.js';
export * from './chat/index.js';
export * from './text/index.js';
