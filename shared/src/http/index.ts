export * from './channels.js';
export * from './rtmp.js';
export * from './health.js';
export * from './auth.js';
export * from './categories.js';
export * from './me.js';
