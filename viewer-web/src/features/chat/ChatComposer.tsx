import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { ChatRestriction } from '@lait/shared';
import { ChatInput } from './ChatInput';
import { formatDuration, useChatT } from './use-chat-t';

export interface ChatComposerProps {
  signedIn: boolean;
  restriction: ChatRestriction | null;
  onSend(text: string): Promise<boolean>;
  /** A timeout ran out: the box opens again without a reload. */
  onRestrictionEnded(): void;
}

/**
 * What sits under the chat: the message box, or what stands in for it. A reader without an account
 * gets a way in instead of a box that fails on send; a banned or timed-out viewer sees why (and for
 * how long) before typing, as on CHZZK and Twitch.
 */
export function ChatComposer({ signedIn, restriction, onSend, onRestrictionEnded }: ChatComposerProps) {
  const t = useChatT();
  const { pathname, search } = useLocation();
  if (!signedIn) {
    return (
      <div className="chat-input chat-input--locked">
        <Link className="chat-input__login" data-testid="chat-login" to={`/login?next=${encodeURIComponent(pathname + search)}`}>
          {t('loginToChat')}
        </Link>
      </div>
    );
  }
  if (restriction) return <RestrictedBox restriction={restriction} onEnded={onRestrictionEnded} />;
  return <ChatInput onSend={onSend} />;
}

function RestrictedBox({ restriction, onEnded }: { restriction: ChatRestriction; onEnded(): void }) {
  const t = useChatT();
  const until = restriction.kind === 'timedOut' ? Date.parse(restriction.until) : null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  const left = until === null ? 0 : Math.ceil((until - now) / 1000);
  useEffect(() => {
    if (until !== null && left <= 0) onEnded();
  }, [until, left, onEnded]);
  const reason = restriction.kind === 'banned' ? t('restricted.banned') : t('restricted.timedOut', { duration: formatDuration(t, Math.max(0, left)) });
  return (
    <div className="chat-input chat-input--locked">
      <textarea className="chat-input__box" data-testid="chat-input" rows={1} disabled aria-label={t('placeholder')} aria-describedby="chat-restricted" />
      <p className="chat-input__reason" id="chat-restricted" data-testid="chat-restricted" data-kind={restriction.kind} role="status">
        {reason}
      </p>
    </div>
  );
}
