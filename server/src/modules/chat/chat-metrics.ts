/** What the chat module reports; the metrics plugin implements it (`app.metrics.chat`). */
export interface ChatMetrics {
  /** A chat:send was handled: accepted (stored and broadcast) or refused with a code. */
  send(accepted: boolean): void;
  /** Seconds from a client event reaching the server to its acknowledgement. */
  ack(event: string, seconds: number, ok: boolean): void;
  /** `messages` chat messages were written to one socket of this process. */
  delivered(messages: number): void;
  /** A Redis command failed and chat fell back to in-process state. */
  redisError(): void;
}
