export * from './codes.js';
export * from './scrub.js';
