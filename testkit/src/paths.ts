import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_ENV } from './env.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_ENTRY = path.join(ROOT, 'server/dist/server.js');
export const CLI_ENTRY = path.join(ROOT, 'server/bin/lait.js');
export const FFMPEG = TEST_ENV.ffmpeg;
export const CHROMIUM = TEST_ENV.chromium;
