export * from './account.js';
export * from './app.js';
export * from './broadcast.js';
export * from './chat.js';
export * from './contract.js';
export * from './settings.js';
export * from './sources.js';
export * from './setup.js';
