import { compareIds, type ChatMessage } from '@lait/shared';

/**
 * The newest messages of one channel, in id order, nothing twice. `add` answers only what was
 * new, so a re-join's catch-up that overlaps a batch already relayed is relayed once.
 */
export function createChatBuffer(limit: number) {
  let messages: ChatMessage[] = [];
  let lastId: string | null = null;
  return {
    add(incoming: readonly ChatMessage[]): ChatMessage[] {
      const known = new Set(messages.map((m) => m.id));
      const fresh = incoming.filter((m) => !known.has(m.id) && (known.add(m.id), true));
      if (fresh.length === 0) return [];
      fresh.sort((a, b) => compareIds(a.id, b.id));
      messages = [...messages, ...fresh].sort((a, b) => compareIds(a.id, b.id)).slice(-limit);
      const newest = fresh[fresh.length - 1]?.id ?? null;
      if (newest !== null && (lastId === null || compareIds(newest, lastId) > 0)) lastId = newest;
      return fresh;
    },
    remove(ids: readonly string[]): void {
      const gone = new Set(ids);
      messages = messages.filter((m) => !gone.has(m.id));
    },
    clear(): void {
      messages = [];
    },
    /** The newest id ever received (a re-join asks for what came after it). */
    lastId: () => lastId,
    list: (): ChatMessage[] => [...messages],
  };
}
