export * from './errors/index.js';
export * from './http/index.js';
