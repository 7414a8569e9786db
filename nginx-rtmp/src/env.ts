import { parseCapacity, parseLadderList } from './ladder/rungs.js';

/** What the nginx-rtmp CLI takes from the environment, read once (flags win over it). */
export const CLI_ENV = Object.freeze({
  notifySecret: process.env['RTMP_NOTIFY_SECRET'] || undefined,
  nodeId: process.env['LAIT_NODE_ID'] || undefined,
});

/**
 * The ladder's defaults for startNginx (options win over them): `LADDER` (`off` or a comma list
 * of rungs, default `720p,480p,360p`), `LADDER_CAPACITY` (streams; unset = measured at start),
 * `FFMPEG_PATH` (default /usr/bin/ffmpeg). A bad value fails at import with the variable named.
 */
export const LADDER_ENV = Object.freeze({
  rungs: Object.freeze(parseLadderList(process.env['LADDER'])),
  capacity: parseCapacity(process.env['LADDER_CAPACITY']),
  ffmpegPath: process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg',
});
