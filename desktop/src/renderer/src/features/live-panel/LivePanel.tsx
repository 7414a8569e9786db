import type { AccountChannel, CategoryOption, ChannelUpdateArgs } from '@lait/shared';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { UiError } from '../account/use-account';

interface Props {
  channel: AccountChannel;
  categories: CategoryOption[];
  error: UiError | null;
  onUpdate: (patch: ChannelUpdateArgs) => Promise<boolean>;
}

/** Title and category of the channel, its viewer count and a link to its page. */
export function LivePanel({ channel, categories, error, onUpdate }: Props) {
  const { t, locale, errorText } = useI18n();
  const [title, setTitle] = useState(channel.title);
  const [category, setCategory] = useState(channel.category ?? '');
  const [saved, setSaved] = useState(false);
  useEffect(() => setTitle(channel.title), [channel.title]);
  useEffect(() => setCategory(channel.category ?? ''), [channel.category]);
  const save = async () => {
    setSaved(await onUpdate({ title: title.trim() || channel.title, category: category || null }));
  };
  return (
    <fieldset className="card panel" data-testid="live-panel">
      <legend>{t('live.panel')}</legend>
      <p className="viewers" data-testid="viewer-count" data-count={channel.viewerCount}>
        {t('live.viewers', { count: channel.viewerCount })}
        {' · '}
        <span data-testid="channel-url">{channel.watchUrl}</span>
      </p>
      <label>
        {t('live.title')}
        <input className="field__input" data-testid="live-title" maxLength={140} value={title} onChange={(e) => { setTitle(e.target.value); setSaved(false); }} />
      </label>
      <label>
        {t('live.category')}
        <select className="field__input" data-testid="live-category" value={category} onChange={(e) => { setCategory(e.target.value); setSaved(false); }}>
          <option value="">{t('live.noCategory')}</option>
          {categories.map((c) => (
            <option key={c.slug} value={c.slug}>{locale === 'ko' ? c.nameKo : c.nameEn}</option>
          ))}
        </select>
      </label>
      <button type="button" className="button" data-testid="live-save" onClick={() => void save()}>{saved ? t('live.saved') : t('live.save')}</button>
      {error && <p className="form-error error" role="alert">{errorText(error.code, error.message)}</p>}
    </fieldset>
  );
}
