export { dropPublisher } from './control.js';
export { NginxRtmpError, type NginxRtmpErrorCode } from './errors.js';
export { findRtmpModule, type RtmpModuleLocation } from './find-module.js';
export {
  startNginx,
  type NginxExitEvent,
  type NginxHandle,
  type NginxUrls,
  type StartOptions,
} from './nginx-process.js';
export { getFreePort } from './ports.js';
export { deriveRelaySecret } from './relay-secret.js';
export { renderConfig, type RenderOptions } from './render-config.js';
export { fetchStat, parseStat, type StatAudio, type StatStream, type StatVideo } from './stat.js';
export {
  buildLadderArgs,
  measureCapacity,
  parseLadderList,
  planRungs,
  probeFragment,
  RUNG_SPECS,
  type LadderOptions,
  type LadderStatusSnapshot,
  type RungPlan,
} from './ladder/index.js';
