export { startLadderSupervisor, type LadderOptions, type LadderStatusSnapshot, type LadderSupervisor } from './supervisor.js';
export { buildLadderArgs, NGINX_HLS_DELAY_SEC, type LadderCommand } from './ffmpeg-args.js';
export { DEFAULT_LADDER, RUNG_SPECS, parseLadderList, planRungs, type RungPlan, type RungSpec } from './rungs.js';
export { parseFragment, probeFragment, type FragmentInfo } from './mpegts.js';
export { measureCapacity } from './capacity.js';
