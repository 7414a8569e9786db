export * from './backoff.js';
export * from './broadcast-engine.js';
export * from './exit-classifier.js';
export * from './ffmpeg-args.js';
export * from './ffmpeg-path.js';
export * from './progress-parser.js';
