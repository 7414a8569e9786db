import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_ENTRY = path.join(ROOT, 'server/dist/server.js');
export const CLI_ENTRY = path.join(ROOT, 'server/bin/lait.js');
export const FFMPEG = process.env['LAIT_FFMPEG'] ?? '/usr/bin/ffmpeg';
export const CHROMIUM = process.env['LAIT_CHROMIUM'] ?? '/usr/bin/chromium';
