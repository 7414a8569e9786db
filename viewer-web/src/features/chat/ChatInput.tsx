import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CHAT_MAX_LENGTH } from '@lait/shared';
import { chatLength } from './use-chat';
import { useChatT } from './use-chat-t';

export interface ChatInputProps {
  /** Resolves false when the message was refused: the text comes back if the box is still empty. */
  onSend(text: string): Promise<boolean>;
}

/**
 * The message box. Korean is typed through an IME: an Enter that arrives while a syllable is still
 * being composed (isComposing, or keyCode 229 in older engines) must not send the half-made text.
 * It marks the message to be sent when composition ends, once the syllable is final.
 * @see https://developer.mozilla.org/en-US/docs/Web/API/Element/keydown_event#keydown_events_with_ime
 */
export function ChatInput({ onSend }: ChatInputProps) {
  const t = useChatT();
  const [text, setText] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  const composing = useRef(false);
  const sendWhenComposed = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const length = chatLength(text);
  const tooLong = length > CHAT_MAX_LENGTH;

  const submit = () => {
    // The DOM value, not state: right after compositionend the last syllable may not be in state yet.
    const value = ref.current?.value ?? text;
    if (value.trim() === '' || chatLength(value) > CHAT_MAX_LENGTH) return;
    setText('');
    void onSend(value).then((ok) => !ok && setText((current) => (current === '' ? value : current)));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Enter' && e.keyCode !== 13) return;
    // Messages are one line. Also while composing: a newline typed into a live composition would
    // land in the middle of it, and replacing the value then would cancel the composition.
    e.preventDefault();
    if (composing.current || e.nativeEvent.isComposing || e.keyCode === 229) {
      sendWhenComposed.current = true;
      return;
    }
    if (!e.shiftKey) submit();
  };

  const onCompositionEnd = () => {
    composing.current = false;
    if (!sendWhenComposed.current) return;
    sendWhenComposed.current = false;
    // After the events that finish composition (Firefox sends its last input event after compositionend).
    clearTimeout(timer.current);
    timer.current = setTimeout(submit, 0);
  };

  return (
    <form
      className="chat-input"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={ref}
        className="chat-input__box"
        data-testid="chat-input"
        rows={1}
        value={text}
        placeholder={t('placeholder')}
        aria-label={t('placeholder')}
        aria-invalid={tooLong || undefined}
        // The server refuses control characters: pasted line breaks and tabs become spaces.
        onChange={(e) => setText(/[\t\r\n]/.test(e.target.value) ? e.target.value.replace(/\r?\n|[\t\r]/g, ' ') : e.target.value)}
        onKeyDown={onKeyDown}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={onCompositionEnd}
      />
      <div className="chat-input__bar">
        <span className={tooLong ? 'chat-input__counter chat-input__counter--over' : 'chat-input__counter'} data-testid="chat-counter">
          {t('counter', { n: length, max: CHAT_MAX_LENGTH })}
        </span>
        <button type="submit" className="chat-input__send" data-testid="chat-send" disabled={length === 0 || tooLong}>
          {t('send')}
        </button>
      </div>
    </form>
  );
}
