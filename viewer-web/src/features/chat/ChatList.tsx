import { useLayoutEffect, useRef, type ReactNode, type UIEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ChatEntry } from './chat-state';
import { useChatT } from './use-chat-t';
import { useStickToBottom } from '@lait/shared/react';

export interface ChatListProps {
  entries: readonly ChatEntry[];
  renderEntry(entry: ChatEntry): ReactNode;
  /** Called when the reader scrolls near the top (older history to fetch). */
  onReachTop?: () => void;
}

/** How close to the top (px) starts fetching older messages. */
const TOP_SLACK_PX = 80;

/** Only the rows in view are in the DOM; rows are measured, since messages wrap to any height. */
export function ChatList({ entries, renderEntry, onReachTop }: ChatListProps) {
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
  // Older messages arrived above: keep what the reader was looking at where it was.
  const firstKey = entries[0]?.key;
  const before = useRef({ firstKey, totalSize });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const prev = before.current;
    before.current = { firstKey, totalSize };
    if (el && !atBottom && prev.firstKey !== undefined && firstKey !== prev.firstKey && totalSize > prev.totalSize) el.scrollTop += totalSize - prev.totalSize;
  }, [firstKey, totalSize, atBottom]);
  const handleScroll = (e: UIEvent<HTMLDivElement>) => {
    onScroll();
    if (onReachTop && e.currentTarget.scrollTop <= TOP_SLACK_PX) onReachTop();
  };

  return (
    <div className="chat-list-wrap">
      <div ref={scrollRef} className="chat-list" data-testid="chat-list" role="log" onScroll={handleScroll}>
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
