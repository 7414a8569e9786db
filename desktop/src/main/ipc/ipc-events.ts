import type { IpcEvent, IpcEventPayload } from '@lait/shared';
import type { BroadcastEngine } from '../broadcast/broadcast-engine.js';
import type { ChatRelay } from '../chat/chat-relay.js';
import type { ChatRelayEvent } from '../chat/chat-session.js';

/** Every main → renderer event of the contract, from whichever part of main raises it. */
export interface IpcEventSource {
  on<E extends IpcEvent>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void;
}

const isChatEvent = (event: IpcEvent): event is ChatRelayEvent => event.startsWith('chat:');

/** `broadcast:*` from the engine (its `state`, `health`, `error`), `chat:*` from the chat relay. */
export function createIpcEventSource(engine: BroadcastEngine, chat: ChatRelay): IpcEventSource {
  return {
    on(event, listener) {
      const fn = listener as (payload: unknown) => void;
      if (isChatEvent(event)) return chat.on(event, fn);
      return engine.on(event.slice('broadcast:'.length) as 'state' | 'health' | 'error', fn);
    },
  };
}
