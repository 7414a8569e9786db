/** What the nginx-rtmp CLI takes from the environment, read once (flags win over it). */
export const CLI_ENV = Object.freeze({
  notifySecret: process.env['RTMP_NOTIFY_SECRET'] || undefined,
  nodeId: process.env['LAIT_NODE_ID'] || undefined,
});
