export * from './channels.js';
export * from './rtmp.js';
export * from './health.js';
