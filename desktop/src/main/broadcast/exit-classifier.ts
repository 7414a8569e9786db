import type { ErrorCode } from '@lait/shared';

/** What an ffmpeg exit means for the broadcast. */
export interface ExitVerdict {
  code: ErrorCode;
  message: string;
}

const NETWORK = /Connection refused|Connection timed out|timed out|No route to host|Network is unreachable|Name or service not known|Temporary failure in name resolution|Connection reset|Broken pipe|End of file/i;
const IO_ERROR = /Input\/output error/i;

/**
 * Classify an ffmpeg exit from its code, the tail of stderr and whether it had gone live.
 * nginx-rtmp refuses a publish (on_publish answered 4xx) by closing the connection right after
 * the publish command; ffmpeg then fails to open the output with "Input/output error" and no
 * socket-level error. A refused TCP connect says "Connection refused" instead.
 */
export function classifyExit(exitCode: number | null, stderrTail: string, wasLive: boolean): ExitVerdict {
  if (!wasLive && IO_ERROR.test(stderrTail) && !NETWORK.test(stderrTail)) {
    return { code: 'BROADCAST_KEY_REFUSED', message: 'The ingest server refused the stream key' };
  }
  if (wasLive || NETWORK.test(stderrTail) || IO_ERROR.test(stderrTail)) {
    return {
      code: 'BROADCAST_CONNECT_FAILED',
      message: wasLive ? 'Lost the connection to the ingest server' : 'Could not connect to the ingest server',
    };
  }
  return { code: 'BROADCAST_FFMPEG_FAILED', message: `ffmpeg exited with code ${String(exitCode)}` };
}
