/** Error codes raised by this package. */
export type NginxRtmpErrorCode =
  | 'NGINX_NOT_FOUND'
  | 'RTMP_MODULE_NOT_FOUND'
  | 'NGINX_CONFIG_INVALID'
  | 'NGINX_PORT_IN_USE'
  | 'NGINX_START_FAILED'
  | 'NGINX_CONTROL_FAILED'
  | 'NGINX_STALE_PROCESS';

export class NginxRtmpError extends Error {
  override readonly name = 'NginxRtmpError';

  constructor(
    readonly code: NginxRtmpErrorCode,
    message: string,
    /** Last lines nginx wrote to stderr, when nginx was involved. */
    readonly stderrTail = '',
  ) {
    super(stderrTail ? `${message}\n${stderrTail}` : message);
  }
}
