import { CHAT_MAX_LENGTH } from '@lait/shared';
import { Fragment, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ChatLine } from './ChatLine';
import { noticesByAnchor, oneLine } from './chat-state';
import { NoticeLine } from './NoticeLine';
import type { ChatFeedback, useChat } from './use-chat';
import { useStickToBottom } from '@lait/shared/react';
import './chat.css';

interface Props {
  /** The channel's chat, opened by the go-live screen (the chat overlay draws from it too). */
  chat: ReturnType<typeof useChat>;
  /** The signed-in user's id (their own lines get no menu). */
  selfId: number | null;
}

/** Enter while a Hangul (or any IME) syllable is still being composed only ends the composition. */
const isComposing = (e: KeyboardEvent) => e.nativeEvent.isComposing || e.keyCode === 229;

/** The live view's chat: messages that stick to the bottom, the input, moderation, connection state. */
export function ChatPanel({ chat, selfId }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const listRef = useRef<HTMLOListElement>(null);
  const last = chat.messages.at(-1)?.id;
  const stick = useStickToBottom(listRef, last, chat.messages.length);
  const canModerate = chat.role === 'streamer' || chat.role === 'moderator';
  const anchors = useMemo(() => noticesByAnchor(chat.messages, chat.notices), [chat.messages, chat.notices]);

  const submit = async () => {
    if (!text.trim() || chat.sending) return;
    // One line (the server refuses controls), made at send: rewriting the value while an IME composes breaks the syllable.
    if (await chat.send(oneLine(text))) setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || isComposing(e)) return;
    e.preventDefault();
    void submit();
  };

  return (
    <fieldset className="card panel chat" data-testid="chat-panel">
      <legend>{t('chat.title')}</legend>
      <ConnectionLine state={chat.connection.state} code={chat.connection.code} />
      <ol className="chat-list" ref={listRef} onScroll={stick.onScroll} data-testid="chat-list" aria-live="polite">
        {chat.messages.length === 0 && chat.notices.length === 0 && <li className="muted">{t('chat.empty')}</li>}
        {anchors.get(null)?.map((n) => <NoticeLine key={`n${n.key}`} line={n} />)}
        {chat.messages.map((m) => (
          <Fragment key={m.id}>
            <ChatLine message={m} mine={m.user.id === selfId} canModerate={canModerate}
              onModerate={(action) => void chat.moderate(action, { messageId: m.id, userId: m.user.id, nickname: m.user.nickname })} />
            {anchors.get(m.id)?.map((n) => <NoticeLine key={`n${n.key}`} line={n} />)}
          </Fragment>
        ))}
      </ol>
      {stick.hasNew && <button type="button" className="button button--small chat-new" onClick={stick.jumpToBottom}>{t('chat.newBelow')}</button>}
      <div className="chat-input">
        <textarea className="field__input" data-testid="chat-input" rows={2} maxLength={CHAT_MAX_LENGTH * 2} value={text} placeholder={t('chat.placeholder')}
          onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} />
        <button type="button" className="button button--small" data-testid="chat-send" disabled={chat.sending || !text.trim()} onClick={() => void submit()}>{t('chat.send')}</button>
      </div>
      {chat.feedback && <Feedback feedback={chat.feedback} />}
    </fieldset>
  );
}

function ConnectionLine({ state, code }: { state: string; code: string | null }) {
  const { t, errorText } = useI18n();
  const label = state === 'connected' ? t('chat.state.connected')
    : state === 'connecting' ? t('chat.state.connecting')
      : state === 'reconnecting' ? t('chat.state.reconnecting') : t('chat.state.offline');
  return (
    <p className={`muted chat-connection chat-${state}`} data-testid="chat-connection" data-state={state} data-code={code ?? ''}>
      {label}{code && state !== 'connecting' && ` · ${errorText(code, code)}`}
    </p>
  );
}

function Feedback({ feedback }: { feedback: ChatFeedback }) {
  const { t, errorText } = useI18n();
  if (feedback.kind === 'masked') return <p className="muted" data-testid="chat-masked">{t('chat.masked', { text: feedback.text })}</p>;
  if (feedback.kind === 'done') {
    const { action, nickname } = feedback;
    const text = action.kind === 'delete' ? t('chat.didDelete', { nickname })
      : action.kind === 'timeout' ? t('chat.didTimeout', { nickname, duration: t(`chat.timeout.${action.seconds}`) })
        : t('chat.didBan', { nickname });
    return <p className="muted" data-testid="chat-done">{text}</p>;
  }
  const { code, message, retryAfterSec } = feedback.error;
  return (
    <p className="form-error error" role="alert" data-testid="chat-error" data-code={code}>
      {errorText(code, message)}{retryAfterSec !== undefined && ` ${t('chat.retryAfter', { s: Math.ceil(retryAfterSec) })}`}
    </p>
  );
}
