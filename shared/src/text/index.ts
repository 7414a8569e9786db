export * from './plain-text.js';
export * from './next-path.js';
