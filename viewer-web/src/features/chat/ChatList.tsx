import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ChatEntry } from './chat-state';
import { useChatT } from './use-chat-t';
import { useStickToBottom } from './use-stick-to-bottom';

export interface ChatListProps {
  entries: readonly ChatEntry[];
  renderEntry(entry: ChatEntry): ReactNode;
}

/** Only the rows in view are in the DOM; rows are measured, since messages wrap to any height. */
export function ChatList({ entries, renderEntry }: ChatListProps) {
  const t = useChatT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 26,
    overscan: 10,
    getItemKey: (index) => entries[index]!.key,
  });
  const totalSize = virtualizer.getTotalSize();
  const { hasNew, atBottom, onScroll, jumpToBottom } = useStickToBottom(scrollRef, entries.at(-1)?.key, totalSize);

  return (
    <div className="chat-list-wrap">
      <div ref={scrollRef} className="chat-list" data-testid="chat-list" role="log" onScroll={onScroll}>
        {entries.length === 0 && <p className="chat-list__empty">{t('empty')}</p>}
        <div className="chat-list__inner" style={{ height: totalSize }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="chat-list__row"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {renderEntry(entries[item.index]!)}
            </div>
          ))}
        </div>
      </div>
      {hasNew && !atBottom && (
        <button type="button" className="chat-jump" data-testid="chat-jump" onClick={jumpToBottom}>
          {t('newMessages')}
        </button>
      )}
    </div>
  );
}
