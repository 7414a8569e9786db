import { useEffect, useRef, useState } from 'react';
import type { ChatSettings } from '@lait/shared';
import type { ChatModeration } from './use-chat';
import { useChatT, type ChatT } from './use-chat-t';

const SLOW_MODE_SEC = [0, 3, 5, 10, 30, 60, 120];
/** null is off; 0 is any follower. */
const FOLLOW_MIN = [null, 0, 10, 30, 60, 1440, 10_080];

function followLabel(t: ChatT, min: number | null): string {
  if (min === null) return t('settings.off');
  if (min === 0) return t('settings.anyFollower');
  if (min < 60) return t('settings.minutes', { n: min });
  if (min < 1440) return t('settings.hours', { n: min / 60 });
  return t('settings.days', { n: min / 1440 });
}

export interface ChatSettingsMenuProps {
  settings: ChatSettings;
  moderation: Pick<ChatModeration, 'updateSettings' | 'clear'>;
}

/** The streamer's (and moderators') chat settings in a small popover; each change applies at once. */
export function ChatSettingsMenu({ settings, moderation }: ChatSettingsMenuProps) {
  const t = useChatT();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  const slowOptions = SLOW_MODE_SEC.includes(settings.slowModeSec) ? SLOW_MODE_SEC : [...SLOW_MODE_SEC, settings.slowModeSec];
  const followOptions = FOLLOW_MIN.includes(settings.followersOnlyMin) ? FOLLOW_MIN : [...FOLLOW_MIN, settings.followersOnlyMin];

  return (
    <div className="chat-settings" ref={root}>
      <button type="button" className="chat-icon-button" data-testid="chat-settings" aria-label={t('settings.open')} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path
            fill="currentColor"
            d="M19.4 13a7.6 7.6 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3.2h-4l-.4 2.7a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.5 11a7.6 7.6 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1c.5.4 1.1.7 1.7 1l.4 2.7h4l.4-2.7c.6-.3 1.2-.6 1.7-1l2.5 1 2-3.5L19.4 13ZM12 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Z"
          />
        </svg>
      </button>
      {open && (
        <div className="chat-settings__popover" role="dialog" aria-label={t('settings.open')} data-testid="chat-settings-popover">
          <label>
            <span>{t('settings.slowMode')}</span>
            <select data-testid="chat-slow-mode" value={settings.slowModeSec} onChange={(e) => moderation.updateSettings({ slowModeSec: Number(e.target.value) })}>
              {slowOptions.map((s) => (
                <option key={s} value={s}>
                  {s === 0 ? t('settings.off') : t('settings.seconds', { n: s })}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('settings.followersOnly')}</span>
            <select
              data-testid="chat-followers-only"
              value={settings.followersOnlyMin ?? 'off'}
              onChange={(e) => moderation.updateSettings({ followersOnlyMin: e.target.value === 'off' ? null : Number(e.target.value) })}
            >
              {followOptions.map((m) => (
                <option key={m ?? 'off'} value={m ?? 'off'}>
                  {followLabel(t, m)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('settings.filterMode')}</span>
            <select data-testid="chat-filter-mode" value={settings.filterMode} onChange={(e) => moderation.updateSettings({ filterMode: e.target.value === 'block' ? 'block' : 'mask' })}>
              <option value="mask">{t('settings.mask')}</option>
              <option value="block">{t('settings.block')}</option>
            </select>
          </label>
          <button type="button" className="chat-settings__clear" data-testid="chat-clear" onClick={() => moderation.clear()}>
            {t('settings.clear')}
          </button>
        </div>
      )}
    </div>
  );
}
