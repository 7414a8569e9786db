import { useEffect, useState } from 'react';
import type { ChatSettings } from '@lait/shared';
import { failureText } from './chat-notice-text';
import type { ChatFailure } from './chat-state';
import { useChatT } from './use-chat-t';

export interface ChatErrorBarProps {
  error: ChatFailure | null;
  settings: ChatSettings | null;
  onDismiss(): void;
}

/** Re-renders every second while a wait (slow mode, timeout) is counting down. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

export function ChatErrorBar({ error, settings, onDismiss }: ChatErrorBarProps) {
  const t = useChatT();
  const now = useNow(error?.retryAfterSec !== undefined);
  if (!error) return null;
  return (
    <div className="chat-error" role="alert" data-testid="chat-error" data-code={error.code}>
      <span>{failureText(t, error, settings, Math.max(now, error.at))}</span>
      <button type="button" className="chat-error__close" aria-label={t('dismiss')} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
