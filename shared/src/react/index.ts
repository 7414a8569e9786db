export * from './use-stick-to-bottom.js';
