import { useId, useState } from 'react';
import type { Category, ChannelOwner } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../lib/api-context';
import { useAuth } from '../auth/auth-context';
import { FormError } from '../auth/FormError';
import { useSubmit } from '../auth/use-submit';

export function parseTags(text: string): string[] {
  const tags = text.split(',').map((s) => s.trim().replace(/^#/, '')).filter(Boolean);
  return [...new Set(tags)].slice(0, 10);
}

export interface ChannelFormProps {
  channel: ChannelOwner;
  categories: Category[];
  onSaved: (channel: ChannelOwner) => void;
}

/** Title, description, category, tags, past-broadcast and adaptive quality settings. Starts from the channel once; polling never overwrites typing. */
export function ChannelForm({ channel, categories, onSaved }: ChannelFormProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { withToken } = useAuth();
  const id = useId();
  const [title, setTitle] = useState(channel.title);
  const [description, setDescription] = useState(channel.description);
  const [category, setCategory] = useState(channel.category ?? '');
  const [tags, setTags] = useState(channel.tags.join(', '));
  const [recordVods, setRecordVods] = useState(channel.recordVods);
  const [retention, setRetention] = useState(String(channel.vodRetentionDays));
  const [ladderEnabled, setLadderEnabled] = useState(channel.ladderEnabled);
  const [saved, setSaved] = useState(false);
  const form = useSubmit(async () => {
    setSaved(false);
    const days = Math.min(3650, Math.max(1, Math.round(Number(retention)) || channel.vodRetentionDays));
    const patch = { title: title.trim(), description, category: category || null, tags: parseTags(tags), recordVods, vodRetentionDays: days, ladderEnabled };
    onSaved(await withToken((token) => api.updateChannel(token, patch)));
    setSaved(true);
  });
  const english = i18n.resolvedLanguage === 'en';
  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    setSaved(false);
    set(v);
  };

  return (
    <form className="card dash-card dash-form" onSubmit={form.onSubmit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('dashboard.channelTitle')}</h2>
      <label className="field">
        <span className="field__label">{t('dashboard.titleLabel')}</span>
        <input className="field__input" data-testid="title-input" value={title} maxLength={140} onChange={(e) => edit(setTitle)(e.target.value)} />
      </label>
      <label className="field">
        <span className="field__label">{t('dashboard.categoryLabel')}</span>
        <select className="field__input" data-testid="category-select" value={category} onChange={(e) => edit(setCategory)(e.target.value)}>
          <option value="">{t('dashboard.noCategory')}</option>
          {categories.map((c) => (
            <option key={c.slug} value={c.slug}>
              {english ? c.nameEn : c.nameKo}
            </option>
          ))}
          {category && !categories.some((c) => c.slug === category) && <option value={category}>{category}</option>}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('dashboard.descriptionLabel')}</span>
        <textarea className="field__input" data-testid="description-input" rows={3} maxLength={2000} value={description} onChange={(e) => edit(setDescription)(e.target.value)} />
      </label>
      <label className="field">
        <span className="field__label">{t('dashboard.tagsLabel')}</span>
        <input className="field__input" data-testid="tags-input" value={tags} onChange={(e) => edit(setTags)(e.target.value)} />
        <span className="field__note">{t('dashboard.tagsHint')}</span>
      </label>
      <label className="field field--inline">
        <input type="checkbox" data-testid="record-vods" checked={recordVods} onChange={(e) => edit(setRecordVods)(e.target.checked)} />
        <span className="field__label">{t('dashboard.recordVodsLabel')}</span>
      </label>
      <label className="field">
        <span className="field__label">{t('dashboard.retentionLabel')}</span>
        <input className="field__input" type="number" min={1} max={3650} data-testid="vod-retention" value={retention} onChange={(e) => edit(setRetention)(e.target.value)} />
      </label>
      <label className="field field--inline">
        <input type="checkbox" role="switch" data-testid="ladder-enabled" checked={ladderEnabled} aria-checked={ladderEnabled} aria-describedby={`${id}-ladder`} onChange={(e) => edit(setLadderEnabled)(e.target.checked)} />
        <span className="field__label">{t('dashboard.ladderLabel')}</span>
      </label>
      <span className="field__note" id={`${id}-ladder`}>{t('dashboard.ladderHint')}</span>
      <FormError message={form.error} />
      <div className="dash-row">
        <button type="submit" className="button" data-testid="channel-save" disabled={form.busy}>
          {form.busy ? t('dashboard.saving') : t('dashboard.save')}
        </button>
        {saved && !form.busy && <span className="dash-saved" role="status">{t('dashboard.saved')}</span>}
      </div>
    </form>
  );
}
